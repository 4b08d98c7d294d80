import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { MailNotSentError, MailTransport } from './mail-transport';
import type { OutgoingMail } from './mail-transport';

/**
 * Bounds on each stage of a try, well under nodemailer's defaults (two minutes to connect, ten of
 * silence): a server that hangs fails the try soon, and the job is tried again later.
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  dnsTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

/**
 * Sends through the server of SMTP_URL: `smtps://` speaks TLS from the start (port 465 by default),
 * `smtp://` upgrades with STARTTLS when the server offers it (port 587 by default). Not pooled: one
 * connection per message, so each try stands on its own (a server that restarted leaves no stale
 * connection behind) — account mail is a trickle, not a bulk send that a pool would speed up.
 */
export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(private readonly url: string) {
    super();
    this.transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      const info = await this.transporter.sendMail({
        messageId: mail.messageId,
        from: { name: mail.from.name, address: mail.from.address },
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      if ((info.rejected?.length ?? 0) > 0) {
        throw new Error(`the server refused the recipient: ${String(info.response)}`);
      }
    } catch (error) {
      throw new MailNotSentError(withoutCredentials(describe(error), this.url));
    }
  }

  close(): void {
    this.transporter.close();
  }
}

/** `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525`: nodemailer's code, then its message. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
}

/** The user name and password of the URL, as written and decoded, never reach a message. */
export function withoutCredentials(text: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return text;
  }
  const secrets = [parsed.password, parsed.username]
    .filter(Boolean)
    .flatMap((secret) => [secret, safeDecode(secret)])
    .sort((a, b) => b.length - a.length);
  return secrets.reduce((result, secret) => result.split(secret).join('***'), text);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
