import { createHmac } from 'node:crypto';
import { deriveKey, KeyPurpose } from '../src/common/crypto/derived-keys';
import { UsersService } from '../src/modules/users/users.service';
import type { TestAccount } from './support/accounts';
import { bearer, signUp } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp, TEST_JWT_SECRET } from './support/test-app';

const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');

/** An HS256 JWT with exactly this payload, signed with `key`: no library fills in or checks a claim. */
function signed(payload: object, key: Buffer | string = deriveKey(TEST_JWT_SECRET, KeyPurpose.AccessTokens)) {
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

describe('Access-token claims', () => {
  let t: TestApp;
  let account: TestAccount;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({
    sub: account.id,
    role: 'user',
    ver: 0,
    typ: 'access',
    iss: 'strata',
    aud: 'strata-api',
    iat: now(),
    exp: now() + 60,
  });

  beforeAll(async () => {
    t = await startTestApp();
    account = await signUp(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const me = (token: string) => t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`);

  it('accept a well-formed token signed with the key derived for access tokens', async () => {
    await me(signed(claims())).expect(200);
  });

  it('refuse a token signed with JWT_SECRET itself rather than the derived key', async () => {
    const res = await me(signed(claims(), TEST_JWT_SECRET)).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it.each<[string, (valid: Record<string, unknown>) => Record<string, unknown>]>([
    ['without exp', ({ exp: _exp, ...rest }) => rest],
    ['with a string exp', (valid) => ({ ...valid, exp: String(valid.exp) })],
    ['with a string iat', (valid) => ({ ...valid, iat: 'yesterday' })],
    ['without sub', ({ sub: _sub, ...rest }) => rest],
    ['with a numeric sub', (valid) => ({ ...valid, sub: 12345 })],
    ['with a sub that is not a UUID', (valid) => ({ ...valid, sub: "me' OR 1=1 --" })],
    ['with another typ', (valid) => ({ ...valid, typ: 'refresh' })],
    ['with an unknown role', (valid) => ({ ...valid, role: 'root' })],
    ['with a non-integer ver', (valid) => ({ ...valid, ver: '0' })],
  ])('refuse a token %s with 401 before any lookup', async (_case, change) => {
    const lookups = jest.spyOn(t.app.get(UsersService), 'findAuthState');
    try {
      const res = await me(signed(change(claims()))).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(lookups).not.toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
    }
  });

  it('take a malformed token on a public route for no token at all', async () => {
    await t
      .http()
      .get(`/api/v1/users/${account.id}`)
      .set(...bearer({ accessToken: signed({ ...claims(), sub: 'not-a-uuid' }) }))
      .expect(200);
  });
});
