/** The queues of the accounts module; the users module's own jobs are in USER_JOBS. */
export const ACCOUNT_JOBS = {
  /** Someone asked for a new verification link for an address, known or not. */
  verificationRequested: 'accounts.verification-requested',
  /** Someone asked for a password-reset link for an address, known or not. */
  passwordResetRequested: 'accounts.password-reset-requested',
  /** Daily: deletes the one-time tokens that can no longer be used. */
  purgeTokens: 'accounts.purge-tokens',
} as const;

/** A request by address: the job looks the account up, so the request never does. */
export interface AddressJob {
  email: string;
}

/** How the accounts module's mail-issuing jobs retry: a database hiccup delays a mail, never loses it. */
export const ACCOUNT_JOB_RETRIES = { retryLimit: 10, retryDelaySeconds: 5 } as const;
