import { loadConfig } from './load-config';
import { problemsOf } from '../../test/support/config-problems';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://db/strata',
  JWT_SECRET: 'q8Z-2nVd_Lk4xR7pWc1sYh9TfJm3uBgE0aNo6iKe5Q',
};

describe(`${loadConfig.name}: mail`, () => {
  it('sends as "<APP_NAME> <no-reply@localhost>" through no server by default', () => {
    expect(loadConfig({})).toMatchObject({
      appName: 'Strata',
      mailFrom: { name: 'Strata', address: 'no-reply@localhost' },
      smtpUrl: undefined,
    });
    expect(loadConfig({ APP_NAME: 'Acme Blog' }).mailFrom).toEqual({
      name: 'Acme Blog',
      address: 'no-reply@localhost',
    });
  });

  it('reads MAIL_FROM as a name and an address, or a bare address', () => {
    expect(loadConfig({ MAIL_FROM: '"Acme, Inc." <hello@acme.example>' }).mailFrom).toEqual({
      name: 'Acme, Inc.',
      address: 'hello@acme.example',
    });
    expect(loadConfig({ MAIL_FROM: 'hello@acme.example' }).mailFrom).toEqual({
      name: '',
      address: 'hello@acme.example',
    });
  });

  it.each([
    ['no address', 'Acme'],
    ['two addresses', 'a@acme.example, b@acme.example'],
    ['a broken address', 'Acme <not an address>'],
  ])('refuses a MAIL_FROM with %s, naming the variable', (_case, value) => {
    expect(problemsOf({ MAIL_FROM: value })).toEqual([
      expect.stringMatching(/^MAIL_FROM must be one address, as `Name <address@domain>`/),
    ]);
  });

  it('refuses an APP_NAME that would break a header', () => {
    expect(problemsOf({ APP_NAME: 'Acme\r\nBcc: victim@example.com' })).toEqual([
      expect.stringContaining('APP_NAME must be 1-100 characters'),
    ]);
    expect(problemsOf({ APP_NAME: 'x'.repeat(101) })).toEqual([expect.stringContaining('APP_NAME')]);
    expect(loadConfig({ APP_NAME: 'Acme, Inc.' }).mailFrom).toEqual({
      name: 'Acme, Inc.',
      address: 'no-reply@localhost',
    });
  });

  it('takes smtp:// and smtps:// URLs only, never showing the password', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://user:pw@smtp.example.com:465' }).smtpUrl).toBe(
      'smtps://user:pw@smtp.example.com:465',
    );
    const problems = problemsOf({ SMTP_URL: 'http://user:hunter2@smtp.example.com' });
    expect(problems).toEqual([expect.stringContaining('SMTP_URL must be a smtp:// URL')]);
    expect(problems[0]).not.toContain('hunter2');
  });

  it('requires SMTP_URL and MAIL_FROM in production, naming each', () => {
    expect(problemsOf(PRODUCTION)).toEqual([
      expect.stringMatching(/^SMTP_URL is required in production/),
      expect.stringMatching(/^MAIL_FROM is required in production/),
    ]);
    expect(
      problemsOf({ ...PRODUCTION, SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'a@acme.example' }),
    ).toEqual([]);
  });

  it('does not require a mail server outside production', () => {
    expect(problemsOf({ NODE_ENV: 'test' })).toEqual([]);
  });
});
