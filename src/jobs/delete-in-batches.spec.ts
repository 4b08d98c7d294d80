import { deleteInBatches } from './delete-in-batches';

describe('deleteInBatches', () => {
  it('deletes batch after batch until one comes back short, and adds them up', async () => {
    let left = 2_500;
    const limits: number[] = [];
    const deleted = await deleteInBatches((limit) => {
      limits.push(limit);
      const batch = Math.min(limit, left);
      left -= batch;
      return Promise.resolve(batch);
    });

    expect(deleted).toBe(2_500);
    expect(limits).toEqual([1_000, 1_000, 1_000]);
  });

  it('runs one more statement when the last batch was exactly full', async () => {
    const batches = [10, 10, 0];
    const deleted = await deleteInBatches(() => Promise.resolve(batches.shift() ?? 0), 10);

    expect(deleted).toBe(20);
    expect(batches).toEqual([]);
  });

  it('fails with the statement that failed', async () => {
    await expect(deleteInBatches(() => Promise.reject(new Error('connection lost')))).rejects.toThrow(
      'connection lost',
    );
  });
});
