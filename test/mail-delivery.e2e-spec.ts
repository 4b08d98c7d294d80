import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { createLoggers } from '../src/common/logging/loggers';
import type { AppConfig } from '../src/config/app-config';
import type { JobContext } from '../src/jobs/job-queue';
import { MailDeliveriesRepository } from '../src/mail/mail-deliveries.repository';
import type { MailJob } from '../src/mail/mail-job';
import { MailTemplates } from '../src/mail/mail-templates';
import { MailNotSentError } from '../src/mail/mail-transport';
import { MailMessageError } from '../src/mail/mail.errors';
import { SendMailHandler } from '../src/mail/send-mail.handler';
import { SmtpMailTransport } from '../src/mail/smtp-transport';
import { openRepositoryDatabase } from './support/repository-database';
import type { RepositoryDatabase } from './support/repository-database';
import { useTestSmtp } from './support/smtp-for-tests';

const SMTP_PASSWORD = 'smtp-password-never-logged';
const CONFIG = {
  appName: 'Acme Blog',
  mailFrom: { name: 'Acme Blog', address: 'no-reply@acme.example' },
} as AppConfig;

function makeJob(overrides: Partial<MailJob> = {}): MailJob {
  return {
    template: 'verify-email',
    to: 'ada@example.com',
    data: { username: 'ada', link: 'https://app.example/verify?token=t0k3n' },
    ...overrides,
  };
}

const firstTry = (id = randomUUID()): JobContext => ({ id, queue: 'mail.send', retryCount: 0 });

/** The handler of the `mail.send` queue on the real database and a real SMTP server, without the queue. */
describe(SendMailHandler.name, () => {
  const smtp = useTestSmtp({ auth: { user: 'strata', password: SMTP_PASSWORD } });
  const deliveries = new MailDeliveriesRepository();
  let database: RepositoryDatabase;
  let transport: SmtpMailTransport;
  let handler: SendMailHandler;
  let logs: Array<{ level: number; msg: string }>;

  beforeAll(async () => {
    database = await openRepositoryDatabase();
    transport = new SmtpMailTransport(smtp.server.url);
    handler = new SendMailHandler(database.db, deliveries, MailTemplates.load(), transport, CONFIG);
  });

  beforeEach(() => {
    logs = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        done();
      },
    });
    Logger.overrideLogger(createLoggers({ nodeEnv: 'test', logLevel: 'info' }, stream).nest);
  });

  afterAll(async () => {
    Logger.overrideLogger(false);
    transport.close();
    await database.close();
  });

  it('sends the rendered mail with a Message-ID of its job, and records the delivery', async () => {
    const job = firstTry();
    await handler.handle(makeJob(), job);
    const mail = await smtp.server.waitForMail({ to: 'ada@example.com', subject: 'Confirm your email' });
    expect(mail.messageId).toBe(`<${job.id}@acme.example>`);
    expect(mail.from).toEqual({ address: 'no-reply@acme.example', name: 'Acme Blog' });
    expect(mail.text).toContain('Hi ada,');
    await expect(deliveries.findByJobId(database.db.pool, job.id)).resolves.toMatchObject({
      jobId: job.id,
      template: 'verify-email',
      messageId: `<${job.id}@acme.example>`,
    });
  });

  it('sends nothing when the same job runs again', async () => {
    const job = firstTry();
    await handler.handle(makeJob(), job);
    await smtp.server.waitForMail({ to: 'ada@example.com' });
    await handler.handle(makeJob(), { ...job, retryCount: 1 });
    expect(smtp.server.received).toHaveLength(1);
    expect(logs.map((line) => line.msg)).toContain(
      `Mail job ${job.id} (verify-email) was sent already: not sent again`,
    );
  });

  it('sends once when two tries of one job run at the same time', async () => {
    const job = firstTry();
    await Promise.all([handler.handle(makeJob(), job), handler.handle(makeJob(), { ...job, retryCount: 1 })]);
    await smtp.server.waitForMail({ to: 'ada@example.com' });
    expect(smtp.server.received).toHaveLength(1);
  });

  it('throws while the server is down, recording nothing, and sends once when it is back', async () => {
    const job = firstTry();
    await smtp.server.stop();
    await expect(handler.handle(makeJob(), job)).rejects.toThrow(MailNotSentError);
    await expect(deliveries.findByJobId(database.db.pool, job.id)).resolves.toBeNull();

    await smtp.server.start();
    await handler.handle(makeJob(), { ...job, retryCount: 1 });
    await handler.handle(makeJob(), { ...job, retryCount: 2 });
    await smtp.server.waitForMail({ to: 'ada@example.com' });
    expect(smtp.server.received).toHaveLength(1);
    await expect(deliveries.findByJobId(database.db.pool, job.id)).resolves.not.toBeNull();
  });

  it('logs one warning per failed try, naming the job and the try but no credential', async () => {
    const job = firstTry();
    await smtp.server.stop();
    await expect(handler.handle(makeJob(), job)).rejects.toThrow(MailNotSentError);
    await expect(handler.handle(makeJob(), { ...job, retryCount: 12 })).rejects.toThrow(MailNotSentError);
    const warnings = logs.filter((line) => line.level === 40).map((line) => line.msg);
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Mail job ${job.id} \\(verify-email\\) not sent, try 1 of 13; tried again later: .*ECONNREFUSED`,
        ),
      ),
      expect.stringContaining('try 13 of 13; no tries left, the job fails'),
    ]);
    expect(JSON.stringify(logs)).not.toMatch(new RegExp(`${SMTP_PASSWORD}|strata:|t0k3n`));
  });

  it('refuses a job whose data is no message, sending nothing', async () => {
    await expect(handler.handle({ template: 'verify-email' } as MailJob, firstTry())).rejects.toThrow(
      MailMessageError,
    );
    await expect(handler.handle(makeJob({ data: { username: 'ada' } }), firstTry())).rejects.toThrow(
      /missing \(or not text\): link/,
    );
    expect(smtp.server.received).toEqual([]);
  });
});
