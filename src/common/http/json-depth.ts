/**
 * How deeply a request body may nest objects and arrays (the top level is depth 1). No real body
 * comes close, and the validation pipe's transformer recurses once per level: a body of nothing
 * but `[[[[…` under the size limit would overflow its stack.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a parsed JSON value nests deeper than `maxDepth`. It stops descending at the limit, so the
 * recursion stays as shallow as the limit whatever the input, and visits each value at most once.
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  if (maxDepth === 0) {
    return true;
  }
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) {
    if (child !== null && typeof child === 'object' && nestsDeeperThan(child, maxDepth - 1)) {
      return true;
    }
  }
  return false;
}
