import type { Transaction } from '../database/database';
import { MailMessageError } from './mail.errors';
import { MailService } from './mail.service';
import { MailTemplates } from './mail-templates';

describe(MailService.name, () => {
  const tx = { marker: 'the caller transaction' } as unknown as Transaction;
  let enqueue: jest.Mock;
  let mail: MailService;

  beforeEach(() => {
    enqueue = jest.fn().mockResolvedValue('0b7c2f7e-5a7d-4c1e-9a35-6f1f3f0e2a11');
    mail = new MailService({ enqueue }, MailTemplates.load());
  });

  it("queues the message on mail.send in the caller's transaction", async () => {
    const data = { username: 'ada', link: 'https://app.example/verify?token=abc' };
    await mail.enqueue(tx, { template: 'verify-email', to: 'ada@example.com', data });
    expect(enqueue).toHaveBeenCalledTimes(1);
    expect(enqueue).toHaveBeenCalledWith(tx, 'mail.send', {
      template: 'verify-email',
      to: 'ada@example.com',
      data,
    });
  });

  it('refuses an unknown template before anything is queued', async () => {
    await expect(mail.enqueue(tx, { template: 'welcome', to: 'ada@example.com', data: {} })).rejects.toThrow(
      MailMessageError,
    );
    expect(enqueue).not.toHaveBeenCalled();
  });

  it('refuses a message missing a value of its template', async () => {
    await expect(
      mail.enqueue(tx, { template: 'password-reset', to: 'ada@example.com', data: { username: 'ada' } }),
    ).rejects.toThrow(/missing \(or not text\): link, expiresIn|missing \(or not text\): expiresIn, link/);
    expect(enqueue).not.toHaveBeenCalled();
  });

  it('refuses a recipient that is no address, without showing it', async () => {
    const promise = mail.enqueue(tx, { template: 'password-changed', to: 'ada', data: { username: 'ada' } });
    await expect(promise).rejects.toThrow(
      'The recipient of a "password-changed" mail is not an email address',
    );
    expect(enqueue).not.toHaveBeenCalled();
  });

  it('fails when the queue does, so the caller rolls back', async () => {
    enqueue.mockRejectedValue(new Error('database down'));
    await expect(
      mail.enqueue(tx, { template: 'password-changed', to: 'ada@example.com', data: { username: 'ada' } }),
    ).rejects.toThrow('database down');
  });
});
