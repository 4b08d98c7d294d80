/**
 * Jobs the users module enqueues in the transaction of the change that causes them. It only says
 * what happened; the accounts module handles them (issues the token and sends the mail), so the
 * users module knows nothing of tokens or mail.
 */
export const USER_JOBS = {
  /** A new account: its address needs verifying. */
  registered: 'accounts.registered',
  /** The user asked to move to `newEmail` (now its `pendingEmail`): confirm it there. */
  emailChangeRequested: 'accounts.email-change-requested',
} as const;

export interface RegisteredJob {
  userId: string;
}

export interface EmailChangeRequestedJob {
  userId: string;
  newEmail: string;
}
