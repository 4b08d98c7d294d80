import { TestSmtpServer, linkIn, tokenIn, useTestSmtp } from '../../test/support/smtp-for-tests';
import { MailNotSentError } from './mail-transport';
import type { OutgoingMail } from './mail-transport';
import { SmtpMailTransport, withoutCredentials } from './smtp-transport';

function makeMail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    messageId: '<0b7c2f7e-5a7d-4c1e-9a35-6f1f3f0e2a11@acme.example>',
    from: { name: 'Acme Blog', address: 'no-reply@acme.example' },
    to: 'ada@example.com',
    subject: 'Confirm your email address for Acme Blog',
    text: 'Open https://app.example/verify?token=t0k3n to confirm.',
    html: '<p>Open <a href="https://app.example/verify?token=t0k3n">this link</a> to confirm.</p>',
    ...overrides,
  };
}

describe(SmtpMailTransport.name, () => {
  const smtp = useTestSmtp({ auth: { user: 'strata', password: 's3cr3t/pass' } });
  let transport: SmtpMailTransport;

  beforeEach(() => {
    transport = new SmtpMailTransport(smtp.server.url);
  });

  afterEach(() => {
    transport.close();
  });

  it('delivers the message with its sender, recipient, subject, both parts and Message-ID', async () => {
    await transport.send(makeMail());
    const mail = await smtp.server.waitForMail({ to: 'ada@example.com', subject: 'Confirm your email' });
    expect(mail).toMatchObject({
      to: ['ada@example.com'],
      from: { address: 'no-reply@acme.example', name: 'Acme Blog' },
      subject: 'Confirm your email address for Acme Blog',
      messageId: '<0b7c2f7e-5a7d-4c1e-9a35-6f1f3f0e2a11@acme.example>',
      user: 'strata',
    });
    expect(mail.text).toContain('https://app.example/verify?token=t0k3n');
    expect(mail.html).toContain('<a href="https://app.example/verify?token=t0k3n">');
    expect(linkIn(mail)).toBe('https://app.example/verify?token=t0k3n');
    expect(tokenIn(mail)).toBe('t0k3n');
  });

  it('throws while the server is down, and delivers once it is back', async () => {
    await smtp.server.stop();
    await expect(transport.send(makeMail())).rejects.toThrow(MailNotSentError);
    await expect(transport.send(makeMail())).rejects.toThrow(/ECONNREFUSED/);
    await smtp.server.start();
    await transport.send(makeMail());
    await smtp.server.waitForMail({ to: 'ada@example.com' });
    expect(smtp.server.received).toHaveLength(1);
  });

  it('fails with a message that names neither the user nor the password', async () => {
    const wrong = new SmtpMailTransport(smtp.server.url.replace('s3cr3t', 'wr0ng'));
    try {
      const error = await wrong.send(makeMail()).then(
        () => undefined,
        (thrown: unknown) => thrown as Error,
      );
      expect(error).toBeInstanceOf(MailNotSentError);
      expect(error?.message).toMatch(/EAUTH/);
      expect(error?.message).not.toMatch(/wr0ng|strata/);
    } finally {
      wrong.close();
    }
  });
});

describe(withoutCredentials.name, () => {
  it('masks the user and the password, as written in the URL and decoded', () => {
    const url = 'smtps://mailer%40acme:p%40ss%2Fw0rd@smtp.acme.example:465';
    expect(withoutCredentials('535 mailer@acme p@ss/w0rd p%40ss%2Fw0rd', url)).toBe('535 *** *** ***');
    expect(withoutCredentials('connect ECONNREFUSED', 'smtp://smtp.acme.example')).toBe(
      'connect ECONNREFUSED',
    );
  });
});

describe(TestSmtpServer.name, () => {
  it('says what it received when the awaited mail does not come', async () => {
    const server = await TestSmtpServer.start();
    try {
      await expect(server.waitForMail({ to: 'nobody@example.com' }, 50)).rejects.toThrow(
        'No mail to nobody@example.com within 50 ms; received: nothing',
      );
    } finally {
      await server.close();
    }
  });
  it('expects no mail: quiet while none comes, an error naming the one that does', async () => {
    const server = await TestSmtpServer.start();
    const transport = new SmtpMailTransport(server.url);
    try {
      await server.expectNoMail({ to: 'ada@example.com' }, 50);
      await transport.send(makeMail());
      await expect(server.expectNoMail({ to: 'ada@example.com' }, 50)).rejects.toThrow(
        'Expected no mail to ada@example.com, but one came: "Confirm your email address for Acme Blog"',
      );
    } finally {
      transport.close();
      await server.close();
    }
  });
});
