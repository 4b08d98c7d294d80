import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { MailMessageError, MailTemplateError } from './mail.errors';
import { MailTemplates } from './mail-templates';
import { findTemplateFolders } from './template-files';

/** What each template the accounts flows send takes, with sample values. */
const SAMPLES: Record<string, Record<string, string>> = {
  'verify-email': { username: 'ada', link: 'https://app.example/verify?token=abc' },
  'password-reset': { username: 'ada', link: 'https://app.example/reset?token=abc', expiresIn: '1 hour' },
  'password-changed': { username: 'ada' },
  'email-change-confirm': {
    username: 'ada',
    newEmail: 'ada@new.example',
    link: 'https://app.example/change?token=abc',
  },
  'email-change-notice': { username: 'ada', newEmail: 'ada@new.example' },
};

describe(MailTemplates.name, () => {
  const templates = MailTemplates.load();

  it('has exactly the templates of the repository', () => {
    expect(templates.names()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(Object.entries(SAMPLES))(
    'renders %s: subject, HTML and text, each naming the app',
    (name, data) => {
      const mail = templates.render(name, data, 'Acme Blog');
      expect(mail.subject).toContain('Acme Blog');
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.html).toContain('Acme Blog');
      expect(mail.text).toContain('Acme Blog');
      for (const value of Object.values(data)) {
        expect(mail.html).toContain(Handlebars.Utils.escapeExpression(value));
        expect(mail.text).toContain(value);
      }
      expect(mail.html).toMatch(/^<!doctype html>/);
      expect(mail.text).not.toMatch(/<\/?(p|a|div|strong)\b/);
    },
  );

  it('puts the link in an anchor of the HTML part', () => {
    const mail = templates.render('verify-email', SAMPLES['verify-email'], 'Strata');
    expect(mail.html).toContain('<a href="https://app.example/verify?token&#x3D;abc" style=');
  });

  it('escapes the values in the HTML part, and only there', () => {
    const username = '<script>alert("x")</script> & co';
    const mail = templates.render('password-changed', { username }, 'Fish & <Chips>');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(mail.html).toContain('Fish &amp; &lt;Chips&gt;');
    expect(mail.text).toContain(username);
    expect(mail.subject).toContain('Fish & <Chips>');
  });

  it('refuses a template that does not exist, naming those that do', () => {
    expect(() => templates.check('welcome', {})).toThrow(MailMessageError);
    expect(() => templates.check('welcome', {})).toThrow(/no mail template "welcome".*verify-email/);
  });

  it('refuses a message missing a value its template reads, or giving one it does not', () => {
    expect(() => templates.check('password-reset', { username: 'ada', link: 'https://x.example' })).toThrow(
      /takes .*expiresIn.*missing \(or not text\): expiresIn/,
    );
    expect(() => templates.check('password-changed', { username: 'ada', link: 'https://x.example' })).toThrow(
      /not read by it: link/,
    );
    expect(() => templates.check('password-changed', { username: 42 })).toThrow(MailMessageError);
    expect(() => templates.check('password-changed', { username: 'ada' })).not.toThrow();
  });
});

describe(`${MailTemplates.name} from files`, () => {
  let root: string;

  function write(file: string, text: string) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }

  function writeTemplate(dir: string, parts: { subject?: string; html?: string; text?: string } = {}) {
    write(`${dir}/subject.hbs`, parts.subject ?? 'Hi from {{appName}}');
    write(`${dir}/html.hbs`, parts.html ?? '<p>Hi {{name}}</p>');
    write(`${dir}/text.hbs`, parts.text ?? 'Hi {{name}}');
  }

  const load = () => MailTemplates.load(findTemplateFolders(root), path.join(root, 'mail', 'layout'));

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'strata-mail-templates-'));
    write('mail/layout/html.hbs', '<main>{{{body}}}</main><footer>{{appName}}</footer>');
    write('mail/layout/text.hbs', '{{{body}}}\n-- {{appName}}');
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("finds a module's own template under modules/<module>/mail/<name>", () => {
    writeTemplate('mail/templates/shared-one');
    writeTemplate('modules/invoices/mail/invoice-sent', { text: 'Invoice {{number}} for {{name}}' });
    const templates = load();
    expect(templates.names()).toEqual(['invoice-sent', 'shared-one']);
    expect(templates.render('invoice-sent', { name: 'Ada', number: '7' }, 'Acme').text).toBe(
      'Invoice 7 for Ada\n-- Acme',
    );
  });

  it('wraps every part in the layout', () => {
    writeTemplate('mail/templates/hello');
    expect(load().render('hello', { name: 'Ada' }, 'Acme')).toEqual({
      subject: 'Hi from Acme',
      html: '<main><p>Hi Ada</p></main><footer>Acme</footer>',
      text: 'Hi Ada\n-- Acme',
    });
  });

  it('refuses a template folder without one of its parts, naming the file', () => {
    writeTemplate('mail/templates/hello');
    rmSync(path.join(root, 'mail/templates/hello/text.hbs'));
    expect(load).toThrow(MailTemplateError);
    expect(load).toThrow(/hello[/\\]text\.hbs is missing/);
  });

  it('refuses two templates of one name', () => {
    writeTemplate('mail/templates/hello');
    writeTemplate('modules/greetings/mail/hello');
    expect(load).toThrow(/Two mail templates are named "hello"/);
  });

  it('refuses a template that does not parse, naming it', () => {
    writeTemplate('mail/templates/hello', { html: '<p>{{#if name}}unclosed</p>' });
    expect(load).toThrow(/"hello" .*html\.hbs\) does not parse/);
  });

  it('refuses a layout that reads a value it is not given', () => {
    write('mail/layout/text.hbs', '{{{body}}} {{username}}');
    expect(load).toThrow(/layout's text\.hbs reads username/);
  });

  it('refuses a build without the templates, saying how they get there', () => {
    rmSync(path.join(root, 'mail'), { recursive: true });
    expect(load).toThrow(/html\.hbs is missing.*npm run build copies them/);
  });
});
