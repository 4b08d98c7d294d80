/**
 * What production requires of mail, for tests that start the app in production mode without
 * sending any: a server address where nothing listens (a try fails at once) and a sender. Apart
 * from smtp-for-tests.ts, so those tests load no SMTP server.
 */
export const PRODUCTION_MAIL_ENV = {
  SMTP_URL: 'smtp://127.0.0.1:1',
  MAIL_FROM: 'Strata tests <no-reply@strata.test>',
} as const;
