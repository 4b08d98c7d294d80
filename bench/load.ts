import autocannon from 'autocannon';
import type { Server } from './servers';

export const DURATION = Number(process.env.BENCH_DURATION ?? 10);
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

export interface Request {
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Measurement {
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Responses outside 2xx, plus socket errors and timeouts: any makes the run invalid. */
  failures: number;
  statuses: string;
  /** The server's largest VmRSS sampled during the run, in MB. */
  peakRssMb: number;
  /**
   * The server's own CPU time per response, in µs: unlike req/s, hardly moved by other processes
   * taking the core, so the steadiest figure on a shared machine.
   */
  cpuMicrosPerRequest: number;
  /** With turns: the CPU per response of each turn, in order (for ratios between servers turn by turn). */
  cpuPerTurn?: number[];
}

function options(server: Server, request: Request, connections: number, duration: number) {
  return {
    url: `http://127.0.0.1:${server.port}${request.path}`,
    method: request.method ?? 'GET',
    headers: {
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    connections,
    duration,
    timeout: 10,
  };
}

function toMeasurement(result: autocannon.Result, peakRssMb: number, cpuSeconds: number): Measurement {
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([status, { count }]) => `${status}×${count}`)
    .join(' ');
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // A run that got no response at all (every request still waiting) proves nothing either.
    failures: result.non2xx + result.errors + result.timeouts + (result['2xx'] + result.non2xx === 0 ? 1 : 0),
    statuses,
    peakRssMb,
    cpuMicrosPerRequest: result.requests.total > 0 ? (cpuSeconds * 1e6) / result.requests.total : 0,
  };
}

/** Samples the server's RSS and CPU time while `work` runs: the result, the peak RSS and the CPU used. */
async function sampleServer<T>(server: Server, work: () => Promise<T>): Promise<[T, number, number]> {
  let peak = server.rssMb();
  const cpuBefore = server.cpuSeconds();
  const timer = setInterval(() => (peak = Math.max(peak, server.rssMb())), 200);
  try {
    const result = await work();
    return [result, Math.max(peak, server.rssMb()), server.cpuSeconds() - cpuBefore];
  } finally {
    clearInterval(timer);
  }
}

/** A warm-up (discarded), then `seconds` of load with `CONNECTIONS` connections. */
export async function measure(
  server: Server,
  request: Request,
  seconds = DURATION,
  connections = CONNECTIONS,
  warmUp = true,
): Promise<Measurement> {
  if (warmUp && WARMUP > 0) {
    await autocannon(options(server, request, connections, WARMUP));
  }
  const [result, peak, cpu] = await sampleServer(server, () =>
    autocannon(options(server, request, connections, seconds)),
  );
  return toMeasurement(result, peak, cpu);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * One scenario on several servers, in ROUNDS short turns (A B C A B C …) that add up to DURATION
 * each: drift in the load of a shared machine then hits every server alike instead of whichever
 * happened to run last. Throughput and CPU per request are averaged over the rounds, p50 is the
 * median round's and p99 the worst round's.
 */
export async function measureInTurns(
  servers: Server[],
  request: (server: Server) => Request,
  turns = ROUNDS,
): Promise<Map<Server, Measurement>> {
  const rounds = new Map<Server, Measurement[]>(servers.map((server) => [server, []]));
  for (let round = 0; round < turns; round += 1) {
    for (const server of servers) {
      const warmUp = round === 0;
      rounds.get(server)?.push(await measure(server, request(server), DURATION / turns, CONNECTIONS, warmUp));
    }
  }
  const combined = new Map<Server, Measurement>();
  for (const [server, measured] of rounds) {
    const mean = (pick: (m: Measurement) => number) =>
      measured.reduce((sum, m) => sum + pick(m), 0) / measured.length;
    combined.set(server, {
      reqPerSec: mean((m) => m.reqPerSec),
      p50: median(measured.map((m) => m.p50)),
      p99: Math.max(...measured.map((m) => m.p99)),
      failures: measured.reduce((sum, m) => sum + m.failures, 0),
      statuses: measured.map((m) => m.statuses).join(' | '),
      peakRssMb: Math.max(...measured.map((m) => m.peakRssMb)),
      cpuMicrosPerRequest: mean((m) => m.cpuMicrosPerRequest),
      cpuPerTurn: measured.map((m) => m.cpuMicrosPerRequest),
    });
  }
  return combined;
}

/** Two loads at once on one server, e.g. a login flood beside a stream of reads. */
export async function measureTogether(
  server: Server,
  flood: Request,
  probe: Request,
  probeConnections: number,
): Promise<{ flood: Measurement; probe: Measurement }> {
  const [[floodResult, probeResult], peak, cpu] = await sampleServer(server, () =>
    Promise.all([
      autocannon(options(server, flood, CONNECTIONS, DURATION)),
      autocannon(options(server, probe, probeConnections, DURATION)),
    ]),
  );
  // CPU per response over both streams together: the two cannot be told apart.
  const share =
    floodResult.requests.total / Math.max(1, floodResult.requests.total + probeResult.requests.total);
  return {
    flood: toMeasurement(floodResult, peak, cpu * share),
    probe: toMeasurement(probeResult, peak, cpu * (1 - share)),
  };
}
