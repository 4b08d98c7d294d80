import Handlebars from 'handlebars';
import { MailMessageError, MailTemplateError } from './mail.errors';
import { findTemplateFolders, layoutFolder, readParts, TEMPLATE_PARTS } from './template-files';
import type { TemplateFolder, TemplatePart } from './template-files';
import { variablesOf } from './template-variables';

/** A message ready for a transport. */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** What every template and the layout get besides the message's own values. */
const GIVEN_TO_EVERY_TEMPLATE = 'appName';
/** What the layout gets: the rendered body and subject, and the app's name. */
const LAYOUT_VALUES = new Set(['body', 'subject', GIVEN_TO_EVERY_TEMPLATE]);

type Render = (values: Record<string, string>) => string;

interface CompiledTemplate {
  parts: Record<TemplatePart, Render>;
  /** The values a message must give, no more and no fewer. */
  values: ReadonlySet<string>;
}

/**
 * Handlebars: HTML-escaped in the HTML part, as written in the subject and the text (which are no
 * HTML); strict, so a value a template reads but was not given is an error rather than a blank.
 */
const handlebars = Handlebars.create();

function compile(source: string, part: TemplatePart | 'layout.html' | 'layout.text'): Render {
  const plain = part !== 'html' && part !== 'layout.html';
  return handlebars.compile<Record<string, string>>(source, { strict: true, noEscape: plain });
}

/**
 * Every mail template, read and compiled once at startup: a folder per template (see
 * template-files.ts) with `subject.hbs`, `html.hbs` and `text.hbs`, wrapped in the shared layout.
 */
export class MailTemplates {
  private constructor(
    private readonly templates: ReadonlyMap<string, CompiledTemplate>,
    private readonly layout: { html: Render; text: Render },
  ) {}

  /** Reads the templates and the layout from the source tree (or the build's copy of it). */
  static load(folders: TemplateFolder[] = findTemplateFolders(), layoutDir = layoutFolder()): MailTemplates {
    const layoutSources = readParts(layoutDir, ['html', 'text']);
    for (const [part, source] of Object.entries(layoutSources)) {
      const unknown = [...variablesOf(source)].filter((name) => !LAYOUT_VALUES.has(name));
      if (unknown.length > 0) {
        throw new MailTemplateError(
          `The mail layout's ${part}.hbs reads ${unknown.join(', ')}: it is given only ${[...LAYOUT_VALUES].join(', ')}`,
        );
      }
    }
    const templates = new Map<string, CompiledTemplate>();
    for (const folder of folders) {
      templates.set(folder.name, compileFolder(folder));
    }
    return new MailTemplates(templates, {
      html: compile(layoutSources.html, 'layout.html'),
      text: compile(layoutSources.text, 'layout.text'),
    });
  }

  names(): string[] {
    return [...this.templates.keys()].sort();
  }

  /** Refuses a message its template cannot render: an unknown template, a value missing or unknown. */
  check(template: string, data: Readonly<Record<string, unknown>>): void {
    const compiled = this.templates.get(template);
    if (!compiled) {
      throw new MailMessageError(
        `There is no mail template "${template}" (there are: ${this.names().join(', ') || 'none'})`,
      );
    }
    const given = Object.keys(data);
    const missing = [...compiled.values].filter((name) => typeof data[name] !== 'string');
    const unknown = given.filter((name) => !compiled.values.has(name));
    if (missing.length > 0 || unknown.length > 0) {
      const problems = [
        ...(missing.length > 0 ? [`missing (or not text): ${missing.join(', ')}`] : []),
        ...(unknown.length > 0 ? [`not read by it: ${unknown.join(', ')}`] : []),
      ];
      throw new MailMessageError(
        `The mail template "${template}" takes ${[...compiled.values].join(', ') || 'no values'}; ${problems.join('; ')}`,
      );
    }
  }

  /** The subject (one line), HTML and text of a message, `appName` given to every part. */
  render(template: string, data: Readonly<Record<string, string>>, appName: string): RenderedMail {
    this.check(template, data);
    const { parts } = this.templates.get(template) as CompiledTemplate;
    const values = { ...data, [GIVEN_TO_EVERY_TEMPLATE]: appName };
    const subject = parts.subject(values).replace(/\s+/g, ' ').trim();
    return {
      subject,
      html: this.layout.html({ appName, subject, body: parts.html(values) }),
      text: this.layout.text({ appName, subject, body: parts.text(values).trim() }),
    };
  }
}

function compileFolder(folder: TemplateFolder): CompiledTemplate {
  const sources = readParts(folder.dir, TEMPLATE_PARTS);
  const values = new Set<string>();
  const parts = {} as Record<TemplatePart, Render>;
  for (const part of TEMPLATE_PARTS) {
    try {
      variablesOf(sources[part]).forEach((name) => values.add(name));
      parts[part] = compile(sources[part], part);
    } catch (error) {
      throw new MailTemplateError(
        `The mail template "${folder.name}" (${folder.dir}/${part}.hbs) does not parse: ${(error as Error).message}`,
      );
    }
  }
  values.delete(GIVEN_TO_EVERY_TEMPLATE);
  return { parts, values };
}
