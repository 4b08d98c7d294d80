import { readFileSync } from 'node:fs';

/**
 * Sums the self time of a V8 `.cpuprofile` (as `BENCH_PROFILE` writes them) by function and by
 * file, and prints the largest shares of the sampled time:
 *
 *   npx tsc -p bench && node dist/bench/profile-summary.js .tmp/prof/CPU.….cpuprofile [rows]
 *
 * Self time: a function's own samples, not its callees'. "(idle)" is time the process waited.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    return url.slice(modules + 'node_modules/'.length);
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url || '(native)';
}

function summarise(profile: Profile): { byFunction: Map<string, number>; byFile: Map<string, number> } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    if (!node) {
      return;
    }
    const micros = profile.timeDeltas[index] ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = shortUrl(url);
    const name = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byFile.set(file, (byFile.get(file) ?? 0) + micros);
  });
  return { byFunction, byFile };
}

function print(title: string, totals: Map<string, number>, busy: number, rows: number): void {
  console.log(`\n${title}`);
  for (const [name, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * micros) / busy).toFixed(1).padStart(6)}%  ${name}`);
  }
}

function main(): void {
  const [file, rows = '40'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [rows]');
    process.exit(2);
  }
  const { byFunction, byFile } = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const total = [...byFile.values()].reduce((sum, micros) => sum + micros, 0);
  const idle = [...byFunction].filter(([name]) => name.startsWith('(idle)')).reduce((s, [, m]) => s + m, 0);
  const busy = total - idle;
  console.log(
    `sampled ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (shares of busy time)`,
  );
  byFunction.delete([...byFunction.keys()].find((name) => name.startsWith('(idle)')) ?? '');
  print('by function (self time)', byFunction, busy, Number(rows));
  print('by file (self time)', byFile, busy, Number(rows));
}

main();
