import type { Mailbox } from '../config/setting-kinds';
import type { RenderedMail } from './mail-templates';

/** A rendered message with its envelope, as a transport sends it. */
export interface OutgoingMail extends RenderedMail {
  /** `<job-id@sender-domain>`: the same on every try of one job, so a receiver can drop a repeat. */
  messageId: string;
  from: Mailbox;
  to: string;
  /** The message's link, if it has one: the development transport logs it, so a person can click through. */
  link?: string;
}

/**
 * Where mail goes: a real server (SMTP_URL), or files for a developer. A class so that it serves as
 * the DI token; `send` resolves once the message is handed over and throws when it was not.
 */
export abstract class MailTransport {
  abstract send(mail: OutgoingMail): Promise<void>;

  /** Lets go of connections and the like at shutdown. */
  abstract close(): void;
}

/** A try that did not hand the message over; the message names no credential. */
export class MailNotSentError extends Error {
  override readonly name = 'MailNotSentError';
}
