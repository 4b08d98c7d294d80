import { JOB_QUEUE } from '../jobs/job-queue';
import { pgBossQueueOptions, resolveQueueOptions } from '../jobs/queue-settings';
import { isMailJob, MAIL_QUEUE, messageIdOf } from './mail-job';
import { SendMailHandler } from './send-mail.handler';

describe('the mail.send queue', () => {
  it('is the queue SendMailHandler runs', () => {
    expect(Reflect.getMetadata(JOB_QUEUE, SendMailHandler)).toEqual(MAIL_QUEUE);
    expect(MAIL_QUEUE.name).toBe('mail.send');
  });

  it('keeps trying for more than a day, each wait twice the one before', () => {
    const {
      retryLimit = 0,
      retryDelay = 0,
      retryDelayMax,
    } = pgBossQueueOptions(resolveQueueOptions(MAIL_QUEUE));
    // pg-boss waits retryDelay × 2^retry before a retry, up to twice that at random, never over retryDelayMax.
    const shortestWaits = Array.from({ length: retryLimit }, (_, retry) =>
      Math.min(retryDelayMax ?? Infinity, retryDelay * 2 ** retry),
    );
    const hours = shortestWaits.reduce((sum, wait) => sum + wait, 0) / 3600;
    expect(hours).toBeGreaterThan(34);
    expect(shortestWaits.at(-1)).toBe(retryDelay * 2 ** (retryLimit - 1));
    // The first retry comes soon: a blip of the server delays a mail by seconds, not hours.
    expect(shortestWaits[0]).toBeLessThanOrEqual(60);
  });
});

describe(messageIdOf.name, () => {
  it("is the job's id at the sender's domain", () => {
    expect(messageIdOf('0b7c2f7e-5a7d-4c1e-9a35-6f1f3f0e2a11', 'no-reply@acme.example')).toBe(
      '<0b7c2f7e-5a7d-4c1e-9a35-6f1f3f0e2a11@acme.example>',
    );
  });
});

describe(isMailJob.name, () => {
  it('accepts a message and refuses anything else', () => {
    expect(isMailJob({ template: 't', to: 'a@b.example', data: { x: 'y' } })).toBe(true);
    expect(isMailJob({ template: 't', to: 'a@b.example', data: { x: 1 } })).toBe(false);
    expect(isMailJob({ template: 't', data: {} })).toBe(false);
    expect(isMailJob(null)).toBe(false);
  });
});
