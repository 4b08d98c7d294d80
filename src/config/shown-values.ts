/** How a bad value appears in a configuration message, and the size parsing the size kind shares. */

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

/** `100kb` → 102400; undefined for anything that is not a size. */
export function parseSizeBytes(value: string): number | undefined {
  const match = SIZE.exec(value);
  return match ? Number(match[1]) * SIZE_UNIT_BYTES[match[2].toLowerCase()] : undefined;
}
