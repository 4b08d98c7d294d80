import type { Transaction } from '../database/database';
import { transactionDb } from './transaction-db';

describe(transactionDb.name, () => {
  it("runs pg-boss's statements on the transaction's own connection and hands back the rows", async () => {
    const query = jest.fn().mockResolvedValue({ records: [{ id: 'j1' }] });
    const tx = { queryRunner: { query } } as unknown as Transaction;
    await expect(transactionDb(tx).executeSql('INSERT ...', [1])).resolves.toEqual({ rows: [{ id: 'j1' }] });
    expect(query).toHaveBeenCalledWith('INSERT ...', [1], true);
  });

  it('gives no rows for a statement that returns none', async () => {
    const tx = { queryRunner: { query: jest.fn().mockResolvedValue({}) } } as unknown as Transaction;
    await expect(transactionDb(tx).executeSql('SELECT 1')).resolves.toEqual({ rows: [] });
  });

  it('refuses a manager that is not a transaction', async () => {
    await expect(transactionDb({} as Transaction).executeSql('SELECT 1')).rejects.toThrow(
      'needs a transaction',
    );
  });
});
