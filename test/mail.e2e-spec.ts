import { Injectable, Module } from '@nestjs/common';
import { Database } from '../src/database/database';
import type { MailMessage } from '../src/mail/mail.service';
import { MailService } from '../src/mail/mail.service';
import { useTestSmtp } from './support/smtp-for-tests';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

/** Queues mail the way a feature module does: in a transaction of its own, which may roll back. */
@Injectable()
class MailProbe {
  constructor(
    private readonly database: Database,
    private readonly mail: MailService,
  ) {}

  send(message: MailMessage): Promise<void> {
    return this.database.transaction((tx) => this.mail.enqueue(tx, message));
  }

  async sendThenRollBack(message: MailMessage): Promise<void> {
    await this.database
      .transaction(async (tx) => {
        await this.mail.enqueue(tx, message);
        throw new Error('the change that caused the mail failed');
      })
      .catch(() => undefined);
  }
}

@Module({ providers: [MailProbe] })
class MailProbeModule {}

const verifyEmail = (to: string): MailMessage => ({
  template: 'verify-email',
  to,
  data: { username: 'ada', link: 'https://app.example/verify?token=t0k3n' },
});

/** Mail through the real queue, the real app and a real SMTP server. */
describe('Mail through the job queue', () => {
  const smtp = useTestSmtp();
  let running: TestApp;
  let probe: MailProbe;

  beforeAll(async () => {
    running = await startTestApp({
      env: { SMTP_URL: smtp.server.url, MAIL_FROM: 'Acme <no-reply@acme.example>' },
      extraModules: [MailProbeModule],
    });
    probe = running.app.get(MailProbe);
  });

  afterAll(async () => {
    await running.close();
  });

  it('sends a mail queued in a committed transaction', async () => {
    await probe.send(verifyEmail('ada@example.com'));
    const mail = await smtp.server.waitForMail(
      { to: 'ada@example.com', subject: 'Confirm your email' },
      30_000,
    );
    expect(mail.from.address).toBe('no-reply@acme.example');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@acme\.example>$/);
  });

  it('sends nothing for a transaction that rolled back', async () => {
    await probe.sendThenRollBack(verifyEmail('rolled-back@example.com'));
    await probe.send(verifyEmail('after@example.com'));
    await smtp.server.waitForMail({ to: 'after@example.com' }, 30_000);
    expect(smtp.server.mailFor({ to: 'rolled-back@example.com' })).toEqual([]);
  });

  it('sends a mail queued while the server is down once it is back, exactly once', async () => {
    await smtp.server.stop();
    await probe.send(verifyEmail('patient@example.com'));
    // The first try fails against the stopped server; the retry comes 30 s later.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await smtp.server.start();
    await smtp.server.waitForMail({ to: 'patient@example.com' }, 90_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(smtp.server.mailFor({ to: 'patient@example.com' })).toHaveLength(1);
  }, 120_000);
});
