import { bearer, signIn, signUp, uniqueName } from './support/accounts';
import { tokenIn, useTestSmtp } from './support/smtp-for-tests';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const PASSWORD = 'a sturdy passphrase 42';
const NEW_PASSWORD = 'another sturdy passphrase 7';

const SUBJECT = {
  verify: /confirm your email/i,
  reset: /reset your/i,
  changed: /password was changed/i,
  confirmChange: /confirm your new email/i,
  changeNotice: /move your/i,
};

/**
 * The account flows end to end: the real app, its job queue on PostgreSQL and a real SMTP server;
 * every token comes from a link in a mail that arrived.
 */
describe('Account flows', () => {
  const smtp = useTestSmtp();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SMTP_URL: smtp.server.url } });
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: object) => t.http().post(`/api/v1/auth/${path}`).send(body);
  const login = (email: string, password: string) =>
    t.http().post('/api/v1/auth/login').send({ email, password });

  async function register(): Promise<{ id: string; email: string; username: string }> {
    const username = uniqueName();
    const email = `${username}@example.test`;
    const res = await t
      .http()
      .post('/api/v1/users')
      .send({ email, username, password: PASSWORD })
      .expect(201);
    return { id: res.body.data.id, email, username };
  }

  describe('email verification', () => {
    it('mails a link at registration; following it verifies the address and the account signs in', async () => {
      const user = await register();
      await login(user.email, PASSWORD).expect(403);
      const mail = await smtp.server.waitForMail({ to: user.email, subject: SUBJECT.verify });
      expect(mail.text).toContain(user.username);
      await post('email/verify', { token: tokenIn(mail) }).expect(204);
      const { accessToken } = await signIn(t, { email: user.email, password: PASSWORD });
      const me = await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer({ accessToken }))
        .expect(200);
      expect(me.body.data.emailVerifiedAt).toEqual(expect.stringMatching(/Z$/));
    });

    it('refuses the link a second time with 400 INVALID_TOKEN', async () => {
      const user = await register();
      const token = tokenIn(await smtp.server.waitForMail({ to: user.email, subject: SUBJECT.verify }));
      await post('email/verify', { token }).expect(204);
      const res = await post('email/verify', { token }).expect(400);
      expect(res.body.error.code).toBe('INVALID_TOKEN');
    });

    it('resends a link that voids the first; alike (202, same body) for an unknown address, which gets no mail', async () => {
      const user = await register();
      const first = tokenIn(await smtp.server.waitForMail({ to: user.email, subject: SUBJECT.verify }));
      smtp.server.clear();
      const known = await post('email/verify/resend', { email: user.email.toUpperCase() }).expect(202);
      const unknownAddress = `${uniqueName('nobody')}@example.test`;
      const unknown = await post('email/verify/resend', { email: unknownAddress }).expect(202);
      expect(unknown.body).toEqual(known.body);
      const second = tokenIn(await smtp.server.waitForMail({ to: user.email, subject: SUBJECT.verify }));
      await smtp.server.expectNoMail({ to: unknownAddress });
      await post('email/verify', { token: first }).expect(400);
      await post('email/verify', { token: second }).expect(204);
    });

    it('sends no new link to an address that is verified already', async () => {
      const account = await signUp(t);
      smtp.server.clear();
      await post('email/verify/resend', { email: account.email }).expect(202);
      await smtp.server.expectNoMail({ to: account.email, subject: SUBJECT.verify });
    });
  });

  describe('password recovery', () => {
    it('mails a reset link; the reset signs out every session, mails a notice, and the new password signs in', async () => {
      const account = await signUp(t);
      // A request first, so the guard has the account's state cached: the reset must replace it.
      await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(account))
        .expect(200);
      await post('password/forgot', { email: account.email }).expect(202);
      const mail = await smtp.server.waitForMail({ to: account.email, subject: SUBJECT.reset });
      expect(mail.text).toContain('1 hour');
      await post('password/reset', { token: tokenIn(mail), newPassword: NEW_PASSWORD }).expect(204);

      await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(account))
        .expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }).expect(401);
      await login(account.email, PASSWORD).expect(401);
      await login(account.email, NEW_PASSWORD).expect(200);
      await smtp.server.waitForMail({ to: account.email, subject: SUBJECT.changed });
    });

    it('answers an unknown address exactly as a known one, and mails nobody', async () => {
      const account = await signUp(t);
      const unknownAddress = `${uniqueName('nobody')}@example.test`;
      const known = await post('password/forgot', { email: account.email }).expect(202);
      const unknown = await post('password/forgot', { email: unknownAddress }).expect(202);
      expect(unknown.body).toEqual(known.body);
      expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
      await smtp.server.waitForMail({ to: account.email, subject: SUBJECT.reset });
      await smtp.server.expectNoMail({ to: unknownAddress });
    });

    it('voids a reset link once the password changes another way', async () => {
      const account = await signUp(t);
      await post('password/forgot', { email: account.email }).expect(202);
      const token = tokenIn(await smtp.server.waitForMail({ to: account.email, subject: SUBJECT.reset }));
      await t
        .http()
        .put('/api/v1/users/me/password')
        .set(...bearer(account))
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
        .expect(204);
      const res = await post('password/reset', { token, newPassword: 'a third sturdy passphrase' }).expect(
        400,
      );
      expect(res.body.error.code).toBe('INVALID_TOKEN');
      await login(account.email, NEW_PASSWORD).expect(200);
    });

    it('voids an older reset link once a newer one is asked for', async () => {
      const account = await signUp(t);
      await post('password/forgot', { email: account.email }).expect(202);
      const older = tokenIn(await smtp.server.waitForMail({ to: account.email, subject: SUBJECT.reset }));
      smtp.server.clear();
      await post('password/forgot', { email: account.email }).expect(202);
      const newer = tokenIn(await smtp.server.waitForMail({ to: account.email, subject: SUBJECT.reset }));
      await post('password/reset', { token: older, newPassword: NEW_PASSWORD }).expect(400);
      await post('password/reset', { token: newer, newPassword: NEW_PASSWORD }).expect(204);
    });

    it("lets exactly one of two concurrent resets with one link through, and changes no other user's password", async () => {
      const [account, other] = [await signUp(t), await signUp(t)];
      await post('password/forgot', { email: account.email }).expect(202);
      const token = tokenIn(await smtp.server.waitForMail({ to: account.email, subject: SUBJECT.reset }));
      const statuses = (
        await Promise.all([
          post('password/reset', { token, newPassword: NEW_PASSWORD }),
          post('password/reset', { token, newPassword: 'a third sturdy passphrase' }),
        ])
      ).map((res) => res.status);
      expect(statuses.sort()).toEqual([204, 400]);
      await login(other.email, PASSWORD).expect(200);
    });

    it('refuses a verification link as a reset link', async () => {
      const user = await register();
      const token = tokenIn(await smtp.server.waitForMail({ to: user.email, subject: SUBJECT.verify }));
      const res = await post('password/reset', { token, newPassword: NEW_PASSWORD }).expect(400);
      expect(res.body.error.code).toBe('INVALID_TOKEN');
    });
  });

  describe('email change', () => {
    const askToMove = (account: { accessToken: string; password: string }, email: string) =>
      t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(account))
        .send({ email, currentPassword: account.password });

    it('mails a link to the new address and a notice to the old one; the link moves the account', async () => {
      const account = await signUp(t);
      const newEmail = `moved-${account.username}@example.test`;
      const asked = await askToMove(account, newEmail).expect(200);
      expect(asked.body.data).toMatchObject({ email: account.email, pendingEmail: newEmail });
      const confirm = await smtp.server.waitForMail({ to: newEmail, subject: SUBJECT.confirmChange });
      const notice = await smtp.server.waitForMail({ to: account.email, subject: SUBJECT.changeNotice });
      expect(notice.text).toContain(newEmail);
      await post('email/confirm-change', { token: tokenIn(confirm) }).expect(204);
      const me = await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(account))
        .expect(200);
      expect(me.body.data).toMatchObject({ email: newEmail, pendingEmail: null });
      await login(newEmail, account.password).expect(200);
    });

    it('answers 409 EMAIL_TAKEN to the second of two accounts confirming one address at once', async () => {
      const [first, second] = [await signUp(t), await signUp(t)];
      const wanted = `wanted-${first.username}@example.test`;
      await askToMove(first, wanted).expect(200);
      await askToMove(second, wanted).expect(200);
      await smtp.server.waitForMail({ to: wanted, subject: SUBJECT.confirmChange });
      const deadline = Date.now() + 10_000;
      while (
        smtp.server.mailFor({ to: wanted, subject: SUBJECT.confirmChange }).length < 2 &&
        Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const tokens = smtp.server.mailFor({ to: wanted, subject: SUBJECT.confirmChange }).map(tokenIn);
      expect(tokens).toHaveLength(2);
      const results = await Promise.all(tokens.map((token) => post('email/confirm-change', { token })));
      expect(results.map((res) => res.status).sort()).toEqual([204, 409]);
      expect(results.find((res) => res.status === 409)?.body.error.code).toBe('EMAIL_TAKEN');
    });
  });
});

describe('Account flows under their rate limits', () => {
  const smtp = useTestSmtp();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SMTP_URL: smtp.server.url, RATE_LIMIT_MAIL_MAX: '2' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses a third mail request for one address in the window with 429, whoever asks and known or not', async () => {
    const account = await signUp(t);
    const unknownAddress = `${uniqueName('nobody')}@example.test`;
    for (const email of [account.email, unknownAddress]) {
      await t.http().post('/api/v1/auth/password/forgot').send({ email }).expect(202);
      await t.http().post('/api/v1/auth/email/verify/resend').send({ email }).expect(202);
      const res = await t.http().post('/api/v1/auth/password/forgot').send({ email }).expect(429);
      expect(res.headers['x-ratelimit-resource']).toBe('address');
      expect(res.headers['retry-after']).toEqual(expect.stringMatching(/^\d+$/));
    }
    await t
      .http()
      .post('/api/v1/auth/password/forgot')
      .send({ email: `${uniqueName()}@example.test` })
      .expect(202);
  });
});
