import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MailTemplateError } from './mail.errors';

/** The three parts of a mail; each template folder holds one file per part. */
export const TEMPLATE_PARTS = ['subject', 'html', 'text'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];

export type TemplateSources = Record<TemplatePart, string>;

export interface TemplateFolder {
  /** The folder's name, which is the name messages give (`verify-email`). */
  name: string;
  dir: string;
}

/** `src/` in the sources, `dist/src/` in the build (which copies the .hbs files beside the code). */
const SOURCE_ROOT = path.resolve(__dirname, '..');

/**
 * Where templates live: the shared ones under `mail/templates/<name>/`, and a module's own under
 * `modules/<module>/mail/<name>/`. Found by pattern, like entities and migrations, so a module adds a
 * mail without an edit here.
 */
export function findTemplateFolders(root = SOURCE_ROOT): TemplateFolder[] {
  const shared = subfolders(path.join(root, 'mail', 'templates'));
  const ofModules = subfolders(path.join(root, 'modules')).flatMap((module) =>
    subfolders(path.join(module, 'mail')),
  );
  const folders = [...shared, ...ofModules].map((dir) => ({ name: path.basename(dir), dir }));
  const seen = new Map<string, string>();
  for (const folder of folders) {
    const other = seen.get(folder.name);
    if (other !== undefined) {
      throw new MailTemplateError(
        `Two mail templates are named "${folder.name}": ${other} and ${folder.dir}`,
      );
    }
    seen.set(folder.name, folder.dir);
  }
  return folders;
}

/** The shared layout every mail is wrapped in: `mail/layout/html.hbs` and `text.hbs`. */
export function layoutFolder(root = SOURCE_ROOT): string {
  return path.join(root, 'mail', 'layout');
}

/** A folder's part files (`html.hbs` and `text.hbs` for a layout; every part for a template). */
export function readParts<P extends TemplatePart>(dir: string, parts: readonly P[]): Record<P, string> {
  const sources = {} as Record<P, string>;
  for (const part of parts) {
    const file = path.join(dir, `${part}.hbs`);
    try {
      sources[part] = readFileSync(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'cannot be read';
      throw new MailTemplateError(
        `${file} ${reason}: a mail template folder holds ${TEMPLATE_PARTS.map((p) => `${p}.hbs`).join(', ')}` +
          ' (in the build too: npm run build copies them into dist)',
      );
    }
  }
  return sources;
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(dir, entry.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
}
