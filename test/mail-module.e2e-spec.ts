import { MailTemplates } from '../src/mail/mail-templates';
import { MailTransport } from '../src/mail/mail-transport';
import { MailService } from '../src/mail/mail.service';
import { SendMailHandler } from '../src/mail/send-mail.handler';
import { SmtpMailTransport } from '../src/mail/smtp-transport';
import { FileMailTransport } from '../src/mail/file-transport';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

/** The mail module as the app wires it: its templates, its transport and its queue's handler. */
describe('MailModule in the app', () => {
  let running: TestApp | undefined;

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('sends through SMTP_URL, with every template loaded and the handler of mail.send', async () => {
    running = await startTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:2525' } });
    const { app } = running;
    expect(app.get(MailTransport)).toBeInstanceOf(SmtpMailTransport);
    expect(app.get(MailService).templateNames()).toEqual(MailTemplates.load().names());
    expect(app.get(SendMailHandler)).toBeInstanceOf(SendMailHandler);
  });

  it('writes files without SMTP_URL outside production', async () => {
    running = await startTestApp();
    expect(running.app.get(MailTransport)).toBeInstanceOf(FileMailTransport);
  });
});
