import { problemsOf } from '../../test/support/config-problems';
import { loadConfig } from './load-config';

describe('account-flow settings', () => {
  it('requires verified addresses by default, with the documented link lifetimes', () => {
    expect(loadConfig({})).toMatchObject({
      authRequireVerifiedEmail: true,
      emailVerifyTtl: 2 * 86400,
      passwordResetTtl: 3600,
      emailChangeTtl: 86400,
      rateLimitMailMax: 5,
    });
    expect(loadConfig({ AUTH_REQUIRE_VERIFIED_EMAIL: 'false' }).authRequireVerifiedEmail).toBe(false);
  });

  it("points the development links at this server's Swagger UI, on its PORT", () => {
    const config = loadConfig({ PORT: '8080' });
    expect(config.emailVerifyUrl).toBe(
      'http://localhost:8080/docs/?token={token}#/accounts/Accounts_verifyEmail',
    );
    expect(config.passwordResetUrl).toBe(
      'http://localhost:8080/docs/?token={token}#/accounts/Accounts_resetPassword',
    );
    expect(config.emailChangeUrl).toBe(
      'http://localhost:8080/docs/?token={token}#/accounts/Accounts_confirmEmailChange',
    );
  });

  it('reports a bad PORT once, not again as bad links', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual([expect.stringContaining('PORT')]);
  });

  it('takes a link template with {token} anywhere in the URL', () => {
    const template = 'https://app.example.com/verify?t={token}&source=mail';
    expect(loadConfig({ EMAIL_VERIFY_URL: template }).emailVerifyUrl).toBe(template);
    expect(loadConfig({ PASSWORD_RESET_URL: 'https://app.example.com/reset/{token}' }).passwordResetUrl).toBe(
      'https://app.example.com/reset/{token}',
    );
  });

  it.each([
    ['without {token}', 'https://app.example.com/verify'],
    ['with {token} twice', 'https://app.example.com/{token}/{token}'],
    ['of another scheme', 'ftp://app.example.com/{token}'],
    ['that is no URL', 'not a url {token}'],
  ])('refuses a link template %s, naming the variable', (_, value) => {
    expect(problemsOf({ EMAIL_CHANGE_URL: value })).toEqual([
      `EMAIL_CHANGE_URL must be an http(s):// URL containing {token} once (got "${value}")`,
    ]);
  });

  it('bounds the reset lifetime to 5 minutes – 1 day', () => {
    expect(problemsOf({ PASSWORD_RESET_TTL: '1m' })).toEqual([expect.stringContaining('PASSWORD_RESET_TTL')]);
    expect(problemsOf({ PASSWORD_RESET_TTL: '2d' })).toEqual([expect.stringContaining('PASSWORD_RESET_TTL')]);
    expect(loadConfig({ PASSWORD_RESET_TTL: '30m' }).passwordResetTtl).toBe(1800);
  });
});
