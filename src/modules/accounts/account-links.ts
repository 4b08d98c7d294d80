import { TOKEN_PLACEHOLDER } from '../../config/setting-kinds';

/** The link of a mail: the template (EMAIL_VERIFY_URL, …) with the token in place of `{token}`. */
export function linkWithToken(template: string, token: string): string {
  return template.split(TOKEN_PLACEHOLDER).join(encodeURIComponent(token));
}

const UNITS: [seconds: number, name: string][] = [
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** A lifetime as a mail says it: "1 hour", "30 minutes", "2 days" (whole units, largest first). */
export function humanDuration(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  const [unit, name] = UNITS.find(([size]) => whole % size === 0 && whole >= size) ?? [1, 'second'];
  const count = whole / unit;
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}
