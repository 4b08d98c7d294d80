import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { MailTransport } from './mail-transport';
import type { OutgoingMail } from './mail-transport';

/**
 * Development without a mail server: each message becomes an `.eml` file (the raw message, as a
 * server would receive it; a mail client opens it) under `DATA_DIR/mail/`, and one info line gives
 * its path and its link, so whoever runs `npm start` can click through a sign-up. Files are readable
 * by their owner only: they hold one-time tokens.
 */
export class FileMailTransport extends MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly composer: Transporter;

  constructor(private readonly dir: string) {
    super();
    this.composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.composer.sendMail({
      messageId: mail.messageId,
      from: { name: mail.from.name, address: mail.from.address },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    })) as { message: Buffer };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, fileNameOf(mail.messageId));
    await writeFile(file, info.message, { mode: 0o600 });
    const link = mail.link === undefined ? '' : `; its link: ${mail.link}`;
    this.logger.log(`Mail "${mail.subject}" to ${mail.to} written to ${file}${link}`);
  }

  close(): void {
    this.composer.close();
  }
}

/** `2026-12-01T15-40-00-123Z-<job id>.eml`: listed in the order they were written. */
function fileNameOf(messageId: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const id = messageId.replace(/^<|@.*$/g, '').replace(/[^A-Za-z0-9-]/g, '_');
  return `${stamp}-${id}.eml`;
}
