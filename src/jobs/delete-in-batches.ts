/** Rows per statement: each batch commits on its own, so no long lock and no huge transaction. */
export const PURGE_BATCH_SIZE = 1_000;

/**
 * Runs `deleteBatch` (one statement deleting at most `limit` rows) until a batch deletes fewer than
 * `limit`: what a purge job does with a table that may have grown large. The rows deleted in all.
 */
export async function deleteInBatches(
  deleteBatch: (limit: number) => Promise<number>,
  limit = PURGE_BATCH_SIZE,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = await deleteBatch(limit);
    deleted += batch;
    if (batch < limit) {
      return deleted;
    }
  }
}
