import type { Measurement } from './load';
import type { ReadScenario, Scenario } from './scenarios';
import { TITLES } from './scenarios';

/** `Express+born`: the bare Express app on the HTTP server of Strata's adapter (born prototypes). */
export type BaselineName = 'node:http' | 'bare Express' | 'Express+born' | 'bare Nest';

export interface Results {
  baselines: Partial<
    Record<BaselineName, { reads: Partial<Record<ReadScenario, Measurement>>; peakRssMb: number }>
  >;
  strata: Partial<Record<Exclude<Scenario, 'flood'>, Measurement>>;
  /** The same scenarios on another build (BENCH_COMPARE), e.g. the commit before a change. */
  before?: Partial<Record<Exclude<Scenario, 'flood'>, Measurement>>;
  flood?: { flood: Measurement; probe: Measurement };
  strataPeakRssMb?: number;
  /** argon2id verifications a second on the server core alone (bench/argon2-floor.ts). */
  argon2PerSecond?: number;
}

const ratio = (value: number, base: number | undefined) =>
  base === undefined || base === 0 ? '–' : `${(value / base).toFixed(2)}×`;

/** Throughput ratio, and in brackets the same ratio from CPU per request (baseline µs / Strata µs). */
const ratios = (m: Measurement, base: Measurement | undefined) =>
  base === undefined
    ? '–'
    : `${ratio(m.reqPerSec, base.reqPerSec)} (${ratio(base.cpuMicrosPerRequest, m.cpuMicrosPerRequest)})`;

function row(cells: string[]): string {
  const widths = [26, 8, 7, 7, 7, 7, 8, 16, 16];
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' ');
}

function line(label: string, m: Measurement, vsNode = '', vsNest = ''): string {
  return row([
    label,
    m.reqPerSec.toFixed(0),
    m.p50.toFixed(1),
    m.p99.toFixed(1),
    String(m.failures),
    m.peakRssMb.toFixed(0),
    m.cpuMicrosPerRequest.toFixed(0),
    vsNode,
    vsNest,
  ]);
}

/** The BENCH_COMPARE build's row, with the same ratios, and the change from it to this build. */
function printBefore(
  results: Results,
  scenario: Exclude<Scenario, 'flood'>,
  node?: Measurement,
  nest?: Measurement,
) {
  const before = results.before?.[scenario];
  const after = results.strata[scenario];
  if (before && after) {
    console.log(line('  Strata before', before, ratios(before, node), ratios(before, nest)));
    console.log(
      `  ${''.padEnd(24)} this build vs before: ${ratios(after, before)}${turnByTurn(before, after)}`,
    );
  }
}

/**
 * The CPU ratio turn by turn (the two builds' turns follow each other), as its median and range:
 * a burst of load from other processes inflates one turn's CPU per response, and the median
 * leaves it out where the mean over the turns does not.
 */
function turnByTurn(before: Measurement, after: Measurement): string {
  const first = before.cpuPerTurn ?? [];
  const second = after.cpuPerTurn ?? [];
  const ratios = first
    .map((cpu, turn) => cpu / second[turn])
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (ratios.length < 2) {
    return '';
  }
  const median = ratios[Math.floor(ratios.length / 2)];
  return `, CPU turn by turn: median ${median.toFixed(2)}× (${ratios[0].toFixed(2)}–${ratios[ratios.length - 1].toFixed(2)})`;
}

/**
 * Prints the tables and the targets, each a ratio to a baseline or a bound measured in this run (never a
 * figure measured elsewhere); false when the run is invalid. A missed target is printed, not an error.
 */
export function printReport(results: Results): boolean {
  const failures: string[] = Object.entries(results.before ?? {})
    .filter(([, m]) => m.failures > 0)
    .map(([scenario, m]) => `before ${scenario}: ${m.statuses}`);
  const targets: Array<[string, boolean | undefined]> = [];
  console.log();
  console.log(
    row([
      'scenario / server',
      'req/s',
      'p50 ms',
      'p99 ms',
      'failed',
      'RSS MB',
      'CPU µs',
      'vs node:http',
      'vs bare Nest',
    ]),
  );
  for (const scenario of ['post', 'list', 'deep'] as const) {
    const strata = results.strata[scenario];
    const node = results.baselines['node:http']?.reads[scenario];
    const nest = results.baselines['bare Nest']?.reads[scenario];
    if (!strata) {
      continue;
    }
    console.log(TITLES[scenario]);
    for (const [name, m] of [
      ['  node:http', node],
      ['  bare Express', results.baselines['bare Express']?.reads[scenario]],
      ['  Express+born', results.baselines['Express+born']?.reads[scenario]],
      ['  bare Nest', nest],
    ] as const) {
      if (m) {
        console.log(line(name, m));
        failures.push(...(m.failures > 0 ? [`${name.trim()} ${scenario}: ${m.statuses}`] : []));
      }
    }
    printBefore(results, scenario, node, nest);
    console.log(line('  Strata', strata, ratios(strata, node), ratios(strata, nest)));
    if (strata.failures > 0) {
      failures.push(`Strata ${scenario}: ${strata.statuses}`);
    }
    if (scenario === 'post') {
      targets.push(['GET one post ≥ 0.9× bare Nest', nest && strata.reqPerSec >= 0.9 * nest.reqPerSec]);
    } else {
      targets.push([
        `${TITLES[scenario]} ≥ 0.6× node:http`,
        node && strata.reqPerSec >= 0.6 * node.reqPerSec,
      ]);
    }
  }
  const [first, deep] = [results.strata.list, results.strata.deep];
  if (first && deep) {
    targets.push(['deep page within 15% of the first (req/s)', deep.reqPerSec >= 0.85 * first.reqPerSec]);
  }
  for (const scenario of ['create', 'login'] as const) {
    const m = results.strata[scenario];
    if (!m) {
      continue;
    }
    console.log(TITLES[scenario]);
    printBefore(results, scenario);
    console.log(line('  Strata', m));
    if (scenario === 'login' && results.argon2PerSecond) {
      console.log(
        `  ${''.padEnd(24)} vs argon2id alone on this core (${results.argon2PerSecond.toFixed(1)}/s): ${ratio(m.reqPerSec, results.argon2PerSecond)}`,
      );
    }
    failures.push(...(m.failures > 0 ? [`Strata ${scenario}: ${m.statuses}`] : []));
  }
  if (results.flood) {
    const { flood, probe } = results.flood;
    console.log(TITLES.flood);
    console.log(line('  logins (flood)', flood));
    console.log(line('  GET one post (probe)', probe));
    failures.push(
      ...(flood.failures + probe.failures > 0 ? [`flood: ${flood.statuses} / ${probe.statuses}`] : []),
    );
    targets.push(['GET p99 during a login flood < 100 ms', probe.reqPerSec > 0 && probe.p99 < 100]);
  }
  if (results.strataPeakRssMb !== undefined) {
    console.log(`Strata peak RSS over the whole run (VmHWM): ${results.strataPeakRssMb.toFixed(0)} MB`);
    targets.push(['peak RSS under load < 200 MB', results.strataPeakRssMb < 200]);
  }
  console.log();
  console.log("Targets (against this run's baselines):");
  for (const [name, met] of targets) {
    console.log(`  ${met === undefined ? 'n/a ' : met ? 'met ' : 'MISS'}  ${name}`);
  }
  console.log();
  if (failures.length > 0) {
    console.log(`INVALID RUN: responses outside 2xx, errors or timeouts: ${failures.join('; ')}`);
    return false;
  }
  console.log('Valid run: every response was 2xx.');
  return true;
}
