/** Mozilla's list of common passwords (CommonJS, ships no types). */
declare module 'fxa-common-password-list' {
  const commonPasswords: {
    /** True when the password, exactly as given, is on the list. */
    test(password: string): boolean;
  };
  export default commonPasswords;
}
