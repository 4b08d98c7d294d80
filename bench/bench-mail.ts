/**
 * What production requires of mail, for a benchmark that sends none it waits for: a server where
 * nothing listens, so each try fails at once in the job worker, off the request path measured.
 */
export const BENCH_MAIL_ENV = {
  SMTP_URL: 'smtp://127.0.0.1:1',
  MAIL_FROM: 'Strata bench <no-reply@strata.test>',
} as const;
