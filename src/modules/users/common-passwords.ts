import commonPasswords from 'fxa-common-password-list';

/**
 * One of the few thousand most common passwords (Mozilla's list, shipped with the project: no
 * network call). The list is lower-case, so `Password` counts as `password`.
 */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.test(password) || commonPasswords.test(password.toLowerCase());
}
