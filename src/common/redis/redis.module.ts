import type { OnApplicationShutdown } from '@nestjs/common';
import { Global, Inject, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { redisClientLibrary } from './redis-libraries';

/** The shared Redis connection, or null when REDIS_URL is unset (in-process cache and limiter). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** A command that takes longer fails, so a frozen Redis slows no request by more than this. */
export const REDIS_COMMAND_TIMEOUT_MS = 250;

/**
 * node-redis' own command timeout only covers a command still waiting to be written: one already
 * sent to a frozen or unreachable server waits for its reply forever. Callers on a request's path
 * bound the wait themselves with this.
 */
export function withRedisTimeout<T>(command: Promise<T>, ms = REDIS_COMMAND_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
}

function createRedisClient(url: string, logger: Logger) {
  let lastErrorLog = 0;
  const client = redisClientLibrary().createClient({
    url,
    // Fail fast while disconnected instead of queueing: callers fall back (cache bypass, limiter open).
    disableOfflineQueue: true,
    commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
    socket: {
      connectTimeout: 1_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
  client.on('error', (error: Error) => {
    // Reconnection attempts repeat; one line every 10 s is enough to see the outage.
    if (Date.now() - lastErrorLog > 10_000) {
      lastErrorLog = Date.now();
      logger.warn(`Redis unavailable: ${error.message}`);
    }
  });
  client.on('ready', () => logger.log('Redis connected'));
  // Startup does not wait for Redis: the app serves (degraded) while it connects.
  client.connect().catch(() => undefined);
  return client;
}

export type RedisClient = ReturnType<typeof createRedisClient>;

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig): RedisClient | null =>
        config.redisUrl ? createRedisClient(config.redisUrl, new Logger('Redis')) : null,
    },
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient | null) {}

  onApplicationShutdown(): void {
    this.client?.destroy();
  }
}
