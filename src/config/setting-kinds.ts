import path from 'node:path';
import { isEmail } from 'class-validator';
import addressparser from 'nodemailer/lib/addressparser';
import { parseDurationSeconds } from './duration';
import { parseSizeBytes, shown, withPasswordMasked } from './shown-values';

/**
 * The kinds of setting (integer, duration, size, URL, …). Each kind reads a variable's text into its
 * typed value, or refuses it with one message that states the whole rule and shows the value it got
 * (so `PORT=abc` reads "PORT must be an integer from 0 to 65535 (got "abc")"), and says for the docs
 * what it allows. A secret's value is never shown; a URL's password is masked.
 */

/** The environment as given: variable name → text. */
export type RawEnv = Readonly<Record<string, string | undefined>>;

/** A variable's value that breaks its rule; the message names the variable. */
export class InvalidSetting extends Error {}

export interface Setting<Value> {
  readonly env: string;
  /** What it is for, in a line: the README's "meaning", the comment in `.env.example`. */
  readonly doc: string;
  /**
   * The default, written as the variable would be (`'15m'`), or computed from the other variables.
   * Without one the setting may stay unset, and its value type includes `undefined`.
   */
  readonly default?: string | ((env: RawEnv) => string);
  /** What leaving it unset means, for the docs (when it has no plain default). */
  readonly unset?: string;
  /** Never shown in a message, a log line or the docs' examples of real values. */
  readonly secret: boolean;
  /** What it accepts, for the docs, from the kind and its bounds. */
  readonly allowed: string;
  /** A rule across variables (checked in load-config.ts), shown after `allowed`. */
  readonly rule?: string;
  /** For an unset setting, the value `.env.example` shows commented out. */
  readonly example?: string;
  /** The typed value of the text, or an InvalidSetting; `cwd` resolves relative paths. */
  readonly read: (text: string, cwd: string) => NonNullable<Value>;
}

/** What the table says of a setting besides its kind. */
export interface SettingOptions {
  doc: string;
  default?: string | ((env: RawEnv) => string);
  unset?: string;
  secret?: boolean;
  rule?: string;
  example?: string;
}

/** The value type a setting gives the config: optional unless it has a default. */
type ValueOf<Options extends SettingOptions, T> = Options extends { default: unknown } ? T : T | undefined;

function define<T, Options extends SettingOptions>(
  env: string,
  options: Options,
  allowed: string,
  read: (text: string, cwd: string) => T,
): Setting<ValueOf<Options, T>> {
  return { ...options, env, secret: options.secret ?? false, allowed, read: read as Setting<T>['read'] };
}

/** "(got "abc")", or nothing for a secret. */
function got(options: SettingOptions, text: string): string {
  return options.secret ? '' : ` (got ${shown(text)})`;
}

function refuse(message: string): never {
  throw new InvalidSetting(message);
}

const PLAIN_INTEGER = /^\d+$/;

/** A whole number written plainly (no sign, exponent or decimals) within [min, max]. */
export function integer<O extends SettingOptions>(env: string, options: O & { min: number; max: number }) {
  const { min, max } = options;
  return define(env, options, `${min}–${max}`, (text) =>
    PLAIN_INTEGER.test(text) && Number(text) >= min && Number(text) <= max
      ? Number(text)
      : refuse(`${env} must be an integer from ${min} to ${max}${got(options, text)}`),
  );
}

/** Seconds (`900`) or a number with a unit (`250ms`, `15m`, `30d`) within [min, max]; the value is seconds. */
export function duration<O extends SettingOptions>(env: string, options: O & { min: string; max: string }) {
  const { min, max } = options;
  const [low, high] = [parseDurationSeconds(min), parseDurationSeconds(max)];
  return define(env, options, `${min}–${max}`, (text) => {
    const seconds = durationSecondsOrUndefined(text);
    return seconds !== undefined && seconds >= low && seconds <= high
      ? seconds
      : refuse(
          `${env} must be a duration from ${min} to ${max}, in seconds (900) or with a unit (250ms, 15m, 30d)${got(options, text)}`,
        );
  });
}

/** A byte size such as `100kb` or `1mb` within [min, max]; the value stays text (lower case), as Express takes it. */
export function size<O extends SettingOptions>(env: string, options: O & { min: string; max: string }) {
  const { min, max } = options;
  const [low, high] = [parseSizeBytes(min) ?? 0, parseSizeBytes(max) ?? 0];
  return define(env, options, `${min}–${max}`, (text) => {
    const bytes = parseSizeBytes(text);
    return bytes !== undefined && bytes >= low && bytes <= high
      ? text.toLowerCase()
      : refuse(`${env} must be a size from ${min} to ${max} (b, kb or mb)${got(options, text)}`);
  });
}

/** One of a fixed list of words. */
export function oneOf<const Word extends string, O extends SettingOptions>(
  env: string,
  words: readonly Word[],
  options: O,
) {
  return define(env, options, words.map((word) => `\`${word}\``).join(', '), (text) =>
    (words as readonly string[]).includes(text)
      ? (text as Word)
      : refuse(`${env} must be one of ${words.join(', ')}${got(options, text)}`),
  );
}

/** `true` or `false`. */
export function flag<O extends SettingOptions>(env: string, options: O) {
  return define(env, options, '`true`, `false`', (text) =>
    text === 'true' || text === 'false'
      ? text === 'true'
      : refuse(`${env} must be one of true, false${got(options, text)}`),
  );
}

/** A URL of the given schemes; the message shows it with its password masked. */
export function url<O extends SettingOptions>(env: string, options: O & { schemes: readonly string[] }) {
  const scheme = options.schemes[0];
  const pattern = new RegExp(`^(${options.schemes.join('|')})://\\S+$`);
  return define(env, options, `a \`${scheme}://\` URL`, (text) =>
    pattern.test(text) && URL.canParse(text)
      ? text
      : refuse(`${env} must be a ${scheme}:// URL (got ${shown(withPasswordMasked(text))})`),
  );
}

/** The placeholder a link template must contain: where a one-time token goes. */
export const TOKEN_PLACEHOLDER = '{token}';

/**
 * An `http://` or `https://` URL containing `{token}` once, the link a mail carries: the token
 * replaces the placeholder. The placeholder may sit in the path, the query or the fragment.
 */
export function linkTemplate<O extends SettingOptions>(env: string, options: O) {
  return define(env, options, `an \`http(s)://\` URL containing \`${TOKEN_PLACEHOLDER}\` once`, (value) => {
    const sample = value.split(TOKEN_PLACEHOLDER).join('token');
    return /^https?:\/\/\S+$/.test(value) &&
      value.split(TOKEN_PLACEHOLDER).length === 2 &&
      URL.canParse(sample)
      ? value
      : refuse(`${env} must be an http(s):// URL containing ${TOKEN_PLACEHOLDER} once${got(options, value)}`);
  });
}

/** Text, optionally of bounded length; `allowed` describes it for the docs when no length does. */
export function text<O extends SettingOptions>(
  env: string,
  options: O & { minLength?: number; maxLength?: number; allowed?: string },
) {
  const { minLength = 0, maxLength = Infinity } = options;
  const allowed =
    options.allowed ??
    (maxLength === Infinity ? `at least ${minLength} characters` : `${minLength}–${maxLength} characters`);
  return define(env, options, allowed, (value) => {
    if (value.length < minLength) {
      refuse(`${env} must be longer than or equal to ${minLength} characters`);
    }
    if (value.length > maxLength) {
      refuse(`${env} must be shorter than or equal to ${maxLength} characters`);
    }
    return value;
  });
}

/** Text matching a pattern, which `requirement` states in words (for the message and the docs). */
export function matching<O extends SettingOptions>(
  env: string,
  options: O & { pattern: RegExp; requirement: string },
) {
  const { pattern, requirement } = options;
  return define(env, options, requirement, (value) =>
    pattern.test(value) ? value : refuse(`${env} must be ${requirement}`),
  );
}

/** An email address. */
export function email<O extends SettingOptions>(env: string, options: O) {
  return define(env, options, 'an email', (value) =>
    isEmail(value) ? value : refuse(`${env} must be an email`),
  );
}

/** A sender as mail shows it: a display name (maybe empty) and an address. */
export interface Mailbox {
  readonly name: string;
  readonly address: string;
}

/** Printable text without line breaks or the characters that end a display name. */
const DISPLAY_NAME = /^[^\r\n<>]*$/;

/**
 * One mailbox, `Name <address@domain>` or a bare address. The domain may lack a dot (`localhost`), so
 * a development default can name a machine rather than a registered domain.
 */
export function mailbox<O extends SettingOptions>(env: string, options: O) {
  return define(env, options, '`Name <address>` or an address', (value): Mailbox => {
    const parsed = addressparser(value);
    const only = parsed.length === 1 ? parsed[0] : undefined;
    if (
      only?.address === undefined ||
      !isEmail(only.address, { require_tld: false }) ||
      !DISPLAY_NAME.test(only.name)
    ) {
      refuse(
        `${env} must be one address, as \`Name <address@domain>\` or \`address@domain\`${got(options, value)}`,
      );
    }
    return { name: only.name, address: only.address };
  });
}

/** Comma-separated items (`of` names them for the docs), trimmed, blanks dropped. */
export function list<O extends SettingOptions>(env: string, options: O & { of: string }) {
  return define(env, options, `comma-separated ${options.of}`, (value): readonly string[] =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
}

/** A file-system path; the value is absolute, resolved against the working directory. */
export function directory<O extends SettingOptions>(env: string, options: O) {
  return define(env, options, 'a path', (value, cwd) => path.resolve(cwd, value));
}

/** What Express's "trust proxy" setting takes: `true`, `false`, a hop count, or addresses. */
export type TrustProxySetting = boolean | number | readonly string[];

/**
 * The client's address as Express sees it: `false` trusts no proxy (the socket address is the
 * client), `true` every one, a number that many hops, and a comma-separated list those addresses
 * and ranges (`loopback`, `10.0.0.0/8`).
 */
export function proxyTrust<O extends SettingOptions>(env: string, options: O) {
  return define(
    env,
    options,
    '`true`, `false`, a hop count, comma-separated addresses',
    (value): TrustProxySetting => {
      if (value === 'true' || value === 'false') {
        return value === 'true';
      }
      return PLAIN_INTEGER.test(value)
        ? Number(value)
        : value
            .split(',')
            .map((address) => address.trim())
            .filter(Boolean);
    },
  );
}

function durationSecondsOrUndefined(value: string): number | undefined {
  try {
    return parseDurationSeconds(value);
  } catch {
    return undefined;
  }
}
