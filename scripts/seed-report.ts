import type { SeedSummary } from './seed-data';

/**
 * What `npm run seed` prints: the accounts that sign in with the printed password, then each one
 * that does not, saying why and printing no password for it.
 */
export function seedReport(summary: SeedSummary): string[] {
  const lines = [
    `Seeded ${summary.usersCreated} new account(s) and ${summary.postsCreated} new post(s) ` +
      '(existing ones are kept as they are).',
  ];
  const usable = summary.accounts.filter((account) => account.password !== null);
  if (usable.length > 0) {
    lines.push('', 'Demo accounts (email, username, password, role), for POST /api/v1/auth/login:');
    const rows = usable.map((account) => [
      account.email,
      account.username,
      account.password ?? '',
      account.role,
    ]);
    const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
    for (const row of rows) {
      lines.push(`  ${row.map((cell, column) => cell.padEnd(widths[column])).join('   ')}`.trimEnd());
    }
  }
  const unusable = summary.accounts.filter((account) => account.password === null);
  if (unusable.length > 0) {
    lines.push('', 'Not usable with a demo password (left as they are, no demo posts):');
    for (const account of unusable) {
      lines.push(
        `  ${account.email} (${account.username}): ${account.problem ?? 'the demo password does not sign it in'}`,
      );
    }
  }
  return lines;
}
