import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { createLoggers } from '../common/logging/loggers';
import { FileMailTransport } from './file-transport';
import { createMailTransport } from './mail.module';
import { SmtpMailTransport } from './smtp-transport';

/** The app's own loggers, writing JSON lines into `lines`, as Nest's logger. */
function captureLogs(): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  Logger.overrideLogger(createLoggers({ nodeEnv: 'test', logLevel: 'info' }, stream).nest);
  return lines;
}

const MAIL = {
  messageId: '<6c1d0e52-2f0a-4d5e-8f7b-1e9a3c5b7d20@localhost>',
  from: { name: 'Strata', address: 'no-reply@localhost' },
  to: 'ada@example.com',
  subject: 'Confirm your email address for Strata',
  text: 'Open http://localhost:3000/verify?token=abc',
  html: '<p><a href="http://localhost:3000/verify?token=abc">Confirm</a></p>',
  link: 'http://localhost:3000/verify?token=abc',
};

describe(FileMailTransport.name, () => {
  let dataDir: string;
  let transport: FileMailTransport;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'strata-mail-files-'));
    transport = new FileMailTransport(path.join(dataDir, 'mail'));
  });

  afterEach(async () => {
    transport.close();
    Logger.overrideLogger(false);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes the raw message as an .eml file that parses back to what was sent', async () => {
    captureLogs();
    await transport.send(MAIL);
    const [file, ...others] = await readdir(path.join(dataDir, 'mail'));
    expect(others).toEqual([]);
    expect(file).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-6c1d0e52-2f0a-4d5e-8f7b-1e9a3c5b7d20\.eml$/);
    const parsed = await simpleParser(await readFile(path.join(dataDir, 'mail', file)));
    expect(parsed).toMatchObject({
      subject: MAIL.subject,
      messageId: MAIL.messageId,
      text: MAIL.text,
      html: MAIL.html,
    });
    expect(parsed.from?.value).toEqual([{ name: 'Strata', address: 'no-reply@localhost' }]);
    // One-time tokens inside: for the owner's eyes only.
    expect((await stat(path.join(dataDir, 'mail', file))).mode & 0o077).toBe(0);
  });

  it('logs one info line with the file and the link to click', async () => {
    const lines = captureLogs();
    await transport.send(MAIL);
    const [file] = await readdir(path.join(dataDir, 'mail'));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        context: 'Mail',
        msg: `Mail "${MAIL.subject}" to ada@example.com written to ${path.join(dataDir, 'mail', file)}; its link: ${MAIL.link}`,
      }),
    ]);
  });

  it('logs no link for a mail without one', async () => {
    const lines = captureLogs();
    await transport.send({ ...MAIL, link: undefined });
    expect(lines).toEqual([expect.objectContaining({ msg: expect.not.stringContaining('link') as string })]);
  });
});

describe(createMailTransport.name, () => {
  it('sends through SMTP_URL when it is set, to files under DATA_DIR/mail otherwise', () => {
    const smtp = createMailTransport({ smtpUrl: 'smtp://127.0.0.1:2525', dataDir: '/tmp/x' });
    const files = createMailTransport({ smtpUrl: undefined, dataDir: '/tmp/x' });
    expect(smtp).toBeInstanceOf(SmtpMailTransport);
    expect(files).toBeInstanceOf(FileMailTransport);
    smtp.close();
    files.close();
  });
});
