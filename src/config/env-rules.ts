import { ValidateBy } from 'class-validator';
import type { ValidationArguments } from 'class-validator';
import { parseDurationSeconds } from './duration';

/**
 * One decorator per environment variable, each giving one message that states the whole rule and
 * shows the value it got (so `PORT=abc` reads "PORT must be an integer from 0 to 65535 (got "abc")"
 * rather than three partial complaints). Values stay strings here; load-config.ts converts them.
 */

const INTEGER = /^\d+$/;
const SIZE = /^(\d+)(b|kb|mb)$/i;
const SIZE_UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
const SHOWN_VALUE_LENGTH = 60;

/** The value as the message shows it: quoted, and cut short so a pasted blob cannot flood the log. */
export function shown(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > SHOWN_VALUE_LENGTH ? `${text.slice(0, SHOWN_VALUE_LENGTH)}…` : text);
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`; anything unparsable is hidden whole. */
export function withPasswordMasked(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = '***';
    }
    return parsed.toString();
  } catch {
    return '(not a URL; not shown, it may hold a password)';
  }
}

function rule(name: string, accepts: (value: string) => boolean, requirement: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && accepts(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be ${requirement} (got ${shown(args?.value)})`,
    },
  });
}

/** A whole number written plainly (no sign, exponent or decimals) within [min, max]. */
export function IntegerBetween(min: number, max: number): PropertyDecorator {
  return rule(
    'integerBetween',
    (value) => INTEGER.test(value) && Number(value) >= min && Number(value) <= max,
    `an integer from ${min} to ${max}`,
  );
}

/** Seconds (`900`) or a number with a unit (`250ms`, `15m`, `30d`), within [min, max] given the same way. */
export function DurationBetween(min: string, max: string): PropertyDecorator {
  const [low, high] = [parseDurationSeconds(min), parseDurationSeconds(max)];
  return rule(
    'durationBetween',
    (value) => {
      const seconds = durationSecondsOrUndefined(value);
      return seconds !== undefined && seconds >= low && seconds <= high;
    },
    `a duration from ${min} to ${max}, in seconds (900) or with a unit (250ms, 15m, 30d)`,
  );
}

/** A byte size such as `100kb` or `1mb`, within [min, max] given the same way. */
export function SizeBetween(min: string, max: string): PropertyDecorator {
  const [low, high] = [parseSizeBytes(min), parseSizeBytes(max)];
  return rule(
    'sizeBetween',
    (value) => {
      const bytes = parseSizeBytes(value);
      return bytes !== undefined && bytes >= low! && bytes <= high!;
    },
    `a size from ${min} to ${max} (b, kb or mb)`,
  );
}

/** One of a fixed list of words. */
export function OneOf(values: readonly string[]): PropertyDecorator {
  return rule('oneOf', (value) => values.includes(value), `one of ${values.join(', ')}`);
}

/** A URL of the given schemes; the message shows it with its password masked. */
export function UrlOf(schemes: readonly string[]): PropertyDecorator {
  const pattern = new RegExp(`^(${schemes.join('|')})://\\S+$`);
  return ValidateBy({
    name: 'urlOf',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && pattern.test(value) && canParse(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be a ${schemes[0]}:// URL (got ${shown(withPasswordMasked(String(args?.value)))})`,
    },
  });
}

function canParse(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

function durationSecondsOrUndefined(value: string): number | undefined {
  try {
    return parseDurationSeconds(value);
  } catch {
    return undefined;
  }
}

export function parseSizeBytes(value: string): number | undefined {
  const match = SIZE.exec(value);
  return match ? Number(match[1]) * SIZE_UNIT_BYTES[match[2].toLowerCase()] : undefined;
}
