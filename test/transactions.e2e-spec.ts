import { DataSource } from 'typeorm';
import { errorCodeForStatus } from '../src/common/errors/error-code';
import type { TestAccount } from './support/accounts';
import { signUp } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/**
 * A multi-step write commits whole or not at all. The database itself makes a later step fail
 * (a trigger on this test's own database), and the earlier steps must be rolled back with it.
 */
describe('Multi-step writes', () => {
  let t: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    t = await startTestApp();
    account = await signUp(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const sql = (text: string, parameters: unknown[] = []) =>
    t.app.get(DataSource).query<Array<Record<string, unknown>>>(text, parameters);
  const familiesOf = async (userId: string) =>
    Number((await sql('SELECT count(*) AS n FROM refresh_token_families WHERE user_id = $1', [userId]))[0].n);
  const login = () =>
    t.http().post('/api/v1/auth/login').send({ email: account.email, password: account.password });

  it('roll a sign-in back whole when its token cannot be stored: no family is left without its token', async () => {
    const before = await familiesOf(account.id);
    await sql(`
      CREATE FUNCTION strata_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await sql(`CREATE TRIGGER strata_test_refuse BEFORE INSERT ON refresh_tokens
      FOR EACH ROW EXECUTE FUNCTION strata_test_refuse()`);
    try {
      const res = await login().expect(500);
      expect(res.body.error.code).toBe(errorCodeForStatus(500));
      expect(res.text).not.toContain('refused by the test');
      expect(await familiesOf(account.id)).toBe(before);
    } finally {
      await sql('DROP TRIGGER strata_test_refuse ON refresh_tokens');
      await sql('DROP FUNCTION strata_test_refuse()');
    }
    await login().expect(200);
    expect(await familiesOf(account.id)).toBe(before + 1);
  });
});
