import v8 from 'node:v8';

/**
 * V8 heap settings for a server that allocates much short-lived garbage per request (measured with
 * `npm run bench`, see docs/performance.md):
 * - no allocation-site pretenuring: under load V8 decided that request objects (query rows, JSON)
 *   outlive the young generation and allocated them straight in old space, which then grew to
 *   ~3× the live heap between full collections (peak RSS ~285 MB on the list, ~170 MB without);
 * - old space grows by 50% over what survives a full collection instead of up to 4×.
 * Set at run time, not on the command line: an option a later Node.js no longer knows is then
 * ignored with a warning instead of refusing to start.
 */
export function tuneHeap(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
  v8.setFlagsFromString('--heap-growing-percent=50');
}
