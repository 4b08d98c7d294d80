import type { Setting } from '../src/config/setting-kinds';
import { SETTINGS } from '../src/config/settings';

/** The README and `.env.example` text of the settings table (src/config/settings.ts). */

const SETTINGS_FILE = 'src/config/settings.ts';
const COMMAND = '`npm run config:docs`';
const COMMENT_WIDTH = 100;

export const README_TABLE_START = `<!-- config-table:start (generated from ${SETTINGS_FILE} by ${COMMAND}; edit the table there) -->`;
export const README_TABLE_END = '<!-- config-table:end -->';

type AnySetting = Setting<unknown>;
const ALL: AnySetting[] = Object.values(SETTINGS);

function allowedOf(setting: AnySetting): string {
  return setting.rule ? `${setting.allowed}, ${setting.rule}` : setting.allowed;
}

function defaultCell(setting: AnySetting): string {
  if (typeof setting.default === 'string') {
    return setting.default === '' ? 'empty' : `\`${setting.default}\``;
  }
  if (typeof setting.default === 'function') {
    return setting.unset ?? 'computed';
  }
  return setting.unset ? `unset: ${setting.unset}` : 'unset';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The README's table, as Markdown (not yet aligned: the caller formats it with Prettier). */
export function readmeTable(): string {
  const rows = ALL.map((setting) =>
    [
      `\`${setting.env}\``,
      defaultCell(setting),
      allowedOf(setting),
      setting.secret ? `${setting.doc} (a secret)` : setting.doc,
    ].map(cell),
  );
  return [['variable', 'default', 'allowed', 'meaning'], ['---', '---', '---', '---'], ...rows]
    .map((row) => `| ${row.join(' | ')} |`)
    .join('\n');
}

/** `readme` with the text between the table's markers replaced by `table`. */
export function withReadmeTable(readme: string, table: string): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start === -1 || end < start) {
    throw new Error(`README.md needs the markers ${README_TABLE_START} and ${README_TABLE_END}`);
  }
  const before = readme.slice(0, start + README_TABLE_START.length);
  return `${before}\n\n${table.trim()}\n\n${readme.slice(end)}`;
}

/** `# ` comment lines of at most COMMENT_WIDTH characters. */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/)) {
    if (line.length + 1 + word.length > COMMENT_WIDTH && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

function envEntry(setting: AnySetting): string[] {
  const parts = [sentence(setting.doc), sentence(`allowed: ${allowedOf(setting)}`)];
  if (typeof setting.default !== 'string' && setting.unset) {
    parts.push(sentence(`${typeof setting.default === 'function' ? 'default' : 'unset'}: ${setting.unset}`));
  }
  if (setting.secret) {
    parts.push('A secret: never shown in a message or log line.');
  }
  const value =
    typeof setting.default === 'string'
      ? `${setting.env}=${setting.default}`
      : `# ${setting.env}=${setting.example ?? ''}`;
  return [...comment(parts.join(' ')), value];
}

/** The whole of `.env.example`. */
export function envExample(): string {
  const header = comment(
    `Generated from ${SETTINGS_FILE} by ${COMMAND}: edit the table there, not this file. ` +
      'Copy to .env and adjust. Every variable is optional in development; the values shown are the ' +
      'defaults; a commented-out line is an example for a variable without a plain default. ' +
      'Durations take seconds (900) or a unit ' +
      '(250ms, 15m, 30d). Each duration and number allows the range shown, inclusive; a value outside ' +
      'it stops startup.',
  );
  return `${[header, ...ALL.map(envEntry)].map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
