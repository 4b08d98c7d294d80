const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const DURATION_PATTERN = /^(\d+)(ms|s|m|h|d)?$/;

/** Parses `900`, `15m`, `30d` or `250ms` into seconds; a bare number is already seconds. */
export function parseDurationSeconds(value: string): number {
  const match = DURATION_PATTERN.exec(value.trim());
  if (!match) {
    throw new Error(`"${value}" is not a duration (use seconds like 900, or a unit: 15m, 30d)`);
  }
  return Number(match[1]) * UNIT_SECONDS[match[2] ?? 's'];
}
