import { simpleParser } from 'mailparser';
import type { AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerAuthentication, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { findFreePort } from '../../src/common/net/free-port';

/** A mail the test server received, parsed. */
export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO), lower-cased: who the mail was delivered to. */
  to: string[];
  /** The From header's address, lower-cased, and its display name. */
  from: { address: string; name: string };
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  /** The user the client signed in as, if it did. */
  user?: string;
  /** The message as it came over the wire. */
  raw: string;
}

export interface MailFilter {
  to: string;
  /** The subject contains it, or matches it. */
  subject?: string | RegExp;
}

export interface TestSmtpOptions {
  /** Sign-in the server requires (PLAIN or LOGIN, without TLS); without it, none. */
  auth?: { user: string; password: string };
}

/**
 * A real SMTP server in the test process, on a free loopback port, that keeps every mail it
 * receives. `url` is what SMTP_URL takes. `stop()` and `start()` take it down and bring it back on
 * the same port, to simulate an outage: while stopped, connections are refused.
 */
export class TestSmtpServer {
  /** Every mail received since the start or the last `clear()`, oldest first. */
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  private waiters: Array<() => void> = [];

  private constructor(
    readonly port: number,
    private readonly options: TestSmtpOptions,
  ) {}

  /** Starts one; stop it with `close()` (or use `useTestSmtp()`, which does). */
  static async start(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
    const server = new TestSmtpServer(await findFreePort(), options);
    await server.start();
    return server;
  }

  /** `smtp://[user:password@]127.0.0.1:<port>`, for SMTP_URL. */
  get url(): string {
    const { auth } = this.options;
    const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@` : '';
    return `smtp://${credentials}127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Listens again on the same port (after `stop()`). */
  async start(): Promise<void> {
    if (this.server) {
      return;
    }
    const { auth } = this.options;
    const server = new SMTPServer({
      logger: false,
      // Plain SMTP on loopback: no certificate to make, and nodemailer does not insist on TLS.
      disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !auth,
      allowInsecureAuth: true,
      closeTimeout: 50,
      onAuth: (login: SMTPServerAuthentication, _session, callback) => {
        const ok = auth !== undefined && login.username === auth.user && login.password === auth.password;
        callback(
          ok ? null : new Error('Invalid username or password'),
          ok ? { user: login.username } : undefined,
        );
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    // A client that drops its connection is not the test's concern.
    server.on('error', () => undefined);
    this.server = server;
  }

  /** Stops listening and drops open connections: from now on connections are refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Stops it for good. */
  close(): Promise<void> {
    return this.stop();
  }

  /** Forgets the mail received so far. */
  clear(): void {
    this.received.length = 0;
  }

  /** The mail received so far that matches, oldest first. */
  mailFor(filter: MailFilter): ReceivedMail[] {
    return this.received.filter((mail) => matches(mail, filter));
  }

  /**
   * The first mail that matches (received already or arriving within `timeoutMs`). The error names
   * what was received instead, which is what a failing test wants to know.
   */
  async waitForMail(filter: MailFilter, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mailFor(filter)[0];
      if (found) {
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.received.map((mail) => `${mail.to.join(',')}: "${mail.subject}"`);
        throw new Error(
          `No mail to ${filter.to}${filter.subject ? ` with subject ${String(filter.subject)}` : ''} ` +
            `within ${timeoutMs} ms; received: ${seen.length > 0 ? seen.join('; ') : 'nothing'}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /**
   * Waits `quietMs` and throws if a matching mail came by then: for "no mail goes to an unknown
   * address" (queued mail takes a moment, so an instant check would pass on a mail still on its way).
   */
  async expectNoMail(filter: MailFilter, quietMs = 1_000): Promise<void> {
    await this.waitForMail(filter, quietMs).then(
      (mail) => {
        throw new Error(`Expected no mail to ${filter.to}, but one came: "${mail.subject}"`);
      },
      () => undefined,
    );
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    const parsed = await simpleParser(raw);
    const from = firstAddress(parsed.from);
    this.received.push({
      to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
      from: { address: (from?.address ?? '').toLowerCase(), name: from?.name ?? '' },
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      messageId: parsed.messageId ?? '',
      user: typeof session.user === 'string' ? session.user : undefined,
      raw: raw.toString('utf8'),
    });
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}

/**
 * Hooks in the enclosing `describe`: a server started before its tests, emptied before each one
 * and closed after them all. Read `smtp.server` in a hook or a test.
 */
export function useTestSmtp(options: TestSmtpOptions = {}): { readonly server: TestSmtpServer } {
  let server: TestSmtpServer | undefined;
  beforeAll(async () => {
    server = await TestSmtpServer.start(options);
  });
  beforeEach(async () => {
    await server?.start();
    server?.clear();
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get server() {
      if (!server) {
        throw new Error('the test SMTP server starts in beforeAll: read it in a hook or a test');
      }
      return server;
    },
  };
}

/** The links of a mail's text part, in order. */
export function linksIn(mail: Pick<ReceivedMail, 'text'>): string[] {
  return [...mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((match) => match[0]);
}

/** The mail's one link; an error when it has none or several. */
export function linkIn(mail: Pick<ReceivedMail, 'text'>): string {
  const links = [...new Set(linksIn(mail))];
  if (links.length !== 1) {
    throw new Error(`Expected one link in the mail, found ${links.length}: ${links.join(', ') || 'none'}`);
  }
  return links[0];
}

/**
 * The token in the mail's link: the `token` query parameter, else the last path segment (link
 * templates put `{token}` in either). URL-decoded.
 */
export function tokenIn(mail: Pick<ReceivedMail, 'text'>): string {
  const url = new URL(linkIn(mail));
  const token = url.searchParams.get('token') ?? decodeURIComponent(url.pathname.split('/').pop() ?? '');
  if (!token) {
    throw new Error(`The mail's link has no token: ${url.toString()}`);
  }
  return token;
}

function matches(mail: ReceivedMail, filter: MailFilter): boolean {
  if (!mail.to.includes(filter.to.toLowerCase())) {
    return false;
  }
  if (filter.subject === undefined) {
    return true;
  }
  return typeof filter.subject === 'string'
    ? mail.subject.includes(filter.subject)
    : filter.subject.test(mail.subject);
}

function firstAddress(field: AddressObject | AddressObject[] | undefined) {
  const object = Array.isArray(field) ? field[0] : field;
  return object?.value[0];
}
