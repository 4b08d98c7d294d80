import { randomUUID } from 'node:crypto';
import { MAIL_DELIVERY_PURGE_QUEUE, MAIL_DELIVERY_RETENTION_DAYS } from '../src/mail/mail-delivery-purge';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { runJob, sqlOn } from './support/test-jobs.module';

/** The nightly job of the mail module, run through the real queue on the real table. */
describe('The mail delivery purge', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const sql = <T = Array<Record<string, unknown>>>(text: string, parameters: unknown[] = []) =>
    sqlOn(t.app)<T>(text, parameters);

  /** A delivery record of a mail sent `ago` (an SQL interval) ago. */
  const delivery = async (ago: string): Promise<string> => {
    const jobId = randomUUID();
    await sql(
      `INSERT INTO mail_deliveries (job_id, template, message_id, sent_at)
       VALUES ($1, 'verify-email', $2, now() - $3::interval)`,
      [jobId, `<${jobId}@strata.test>`, ago],
    );
    return jobId;
  };
  const left = async (ids: string[]) =>
    (await sql<Array<{ job_id: string }>>('SELECT job_id FROM mail_deliveries WHERE job_id = ANY($1)', [ids]))
      .map((row) => row.job_id)
      .sort();
  const purge = () => runJob(t.app, MAIL_DELIVERY_PURGE_QUEUE);

  it(`removes the records of mails sent more than ${MAIL_DELIVERY_RETENTION_DAYS} days ago, and only those`, async () => {
    const old = [await delivery(`${MAIL_DELIVERY_RETENTION_DAYS} days 1 minute`), await delivery('1 year')];
    const kept = [
      await delivery(`${MAIL_DELIVERY_RETENTION_DAYS} days -1 minute`),
      await delivery('1 hour'),
      await delivery('0 seconds'),
    ];

    await purge();

    expect(await left(old)).toEqual([]);
    expect(await left(kept)).toEqual([...kept].sort());
  });

  it('goes through a table larger than one batch', async () => {
    await sql(
      `INSERT INTO mail_deliveries (job_id, template, message_id, sent_at)
       SELECT gen_random_uuid(), 'verify-email', '<bulk-' || n || '@strata.test>', now() - interval '90 days'
       FROM generate_series(1, 2500) AS n`,
    );

    await purge();

    const [{ n }] = await sql<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM mail_deliveries WHERE message_id LIKE '<bulk-%'`,
    );
    expect(n).toBe(0);
  });

  it('is scheduled every night in UTC, once', async () => {
    const rows = await sql<Array<{ cron: string; timezone: string }>>(
      'SELECT cron, timezone FROM jobs.schedule WHERE name = $1',
      [MAIL_DELIVERY_PURGE_QUEUE],
    );
    expect(rows).toEqual([{ cron: '47 3 * * *', timezone: 'UTC' }]);
  });
});
