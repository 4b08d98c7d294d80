import type { AppConfig } from '../config/app-config';
import type { Database } from '../database/database';
import type { MailDeliveriesRepository } from './mail-deliveries.repository';
import { MailTemplates } from './mail-templates';
import { SendMailHandler } from './send-mail.handler';

const CONFIG = {
  appName: 'Strata',
  mailFrom: { name: 'Strata', address: 'no-reply@acme.example' },
} as AppConfig;
const JOB = { id: '0b7c2f7e-5a7d-4c1e-9a35-6f1f3f0e2a11', queue: 'mail.send', retryCount: 0 };
const MESSAGE = { template: 'password-changed', to: 'ada@example.com', data: { username: 'ada' } };

describe(SendMailHandler.name, () => {
  it('sends nothing and throws (so the job is tried again) while the database is unreachable', async () => {
    const down = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const database = { transaction: jest.fn().mockRejectedValue(down) } as unknown as Database;
    const send = jest.fn();
    const handler = new SendMailHandler(
      database,
      {} as MailDeliveriesRepository,
      MailTemplates.load(),
      { send, close: jest.fn() },
      CONFIG,
    );
    await expect(handler.handle(MESSAGE, JOB)).rejects.toBe(down);
    expect(send).not.toHaveBeenCalled();
  });
});
