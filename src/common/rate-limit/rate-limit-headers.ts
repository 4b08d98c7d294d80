/** Where one budget stands after counting a request. */
export interface BudgetState {
  /** `default`, `auth` (the strict budget) or `account` (failures per account). */
  name: string;
  limit: number;
  remaining: number;
  /** Seconds until the budget's window ends. */
  resetSeconds: number;
  windowSeconds: number;
}

export const RATE_LIMIT_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'X-RateLimit-Resource',
  'RateLimit-Policy',
] as const;

interface HeaderTarget {
  setHeader(name: string, value: string | number): unknown;
  getHeader(name: string): number | string | string[] | undefined;
}

/**
 * The budget that decides: the one that refused, else the one closest to running out (on a tie
 * the smaller one, which empties first).
 */
export function decidingBudget(budgets: readonly BudgetState[]): BudgetState | undefined {
  return budgets.reduce<BudgetState | undefined>(
    (closest, budget) =>
      closest === undefined ||
      budget.remaining < closest.remaining ||
      (budget.remaining === closest.remaining && budget.limit < closest.limit)
        ? budget
        : closest,
    undefined,
  );
}

function policyItem(budget: BudgetState): string {
  return `"${budget.name}";q=${budget.limit};w=${budget.windowSeconds}`;
}

/** The budgets that counted, after the earlier policy's entries for other budgets. */
function policyOf(current: number | string | string[] | undefined, counted: readonly BudgetState[]): string {
  let policy = '';
  if (current !== undefined) {
    const names = new Set(counted.map((budget) => `"${budget.name}"`));
    policy = (Array.isArray(current) ? current.join(',') : String(current))
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '' && !names.has(item.split(';')[0]))
      .join(', ');
  }
  // The common case, the guard's first write: no earlier policy, nothing to parse.
  for (const budget of counted) {
    policy = policy === '' ? policyItem(budget) : `${policy}, ${policyItem(budget)}`;
  }
  return policy;
}

/**
 * `X-RateLimit-Limit/-Remaining/-Reset` describe the deciding budget (what most clients read),
 * `X-RateLimit-Resource` names it (as GitHub names its buckets), and `RateLimit-Policy` lists
 * every budget that counted the request in the form of the IETF RateLimit header fields draft
 * (`"default";q=300;w=60, "auth";q=10;w=60`: name, quota, window in seconds). A budget named
 * again replaces its earlier entry in the policy.
 */
export function writeRateLimitHeaders(
  res: HeaderTarget,
  counted: readonly BudgetState[],
  decider = decidingBudget(counted),
): void {
  if (decider === undefined) {
    return;
  }
  res.setHeader('RateLimit-Policy', policyOf(res.getHeader('RateLimit-Policy'), counted));
  res.setHeader('X-RateLimit-Resource', decider.name);
  res.setHeader('X-RateLimit-Limit', decider.limit);
  res.setHeader('X-RateLimit-Remaining', decider.remaining);
  res.setHeader('X-RateLimit-Reset', decider.resetSeconds);
}

/** The headers of a 429: the refusing budget's, and a plain `Retry-After` in seconds. */
export function writeRefusalHeaders(
  res: HeaderTarget,
  counted: readonly BudgetState[],
  refused: BudgetState,
): void {
  writeRateLimitHeaders(res, counted, refused);
  res.setHeader('Retry-After', refused.resetSeconds);
}
