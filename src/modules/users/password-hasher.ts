import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Injectable } from '@nestjs/common';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { Algorithm, Options } from '@node-rs/argon2';
import {
  ConcurrencyLimit,
  QueueFullError,
  TaskAbortedError,
} from '../../common/concurrency/concurrency-limit';
import { ClientGoneError, ServiceSaturatedError } from '../../common/errors/app-error';
import { AppConfig } from '../../config/app-config';

/** `Algorithm.Argon2id`; the enum is a const enum, which isolatedModules cannot read. */
const ARGON2ID = 2 as Algorithm;

/** What a request refused because the hashing queue is full is told to wait, in seconds. */
const SATURATED_RETRY_AFTER_SECONDS = 1;

/**
 * argon2id with the cost parameters from config (OWASP's minimum by default). One hash at a time
 * per core this process may use (the cores `taskset` or a container leave it): a login flood then
 * queues here instead of filling libuv's threadpool, so the event loop keeps a core's share for
 * every other request, and the memory held by hashes in flight stays at one block (m) per core.
 * At most ARGON2_MAX_QUEUE more wait; beyond that a request is refused at once with 503 and a
 * Retry-After, so a burst cannot delay everyone's sign-in without bound. A request whose client
 * went away leaves the queue without hashing.
 */
@Injectable()
export class PasswordHasher {
  private readonly options: Options;
  private readonly limit: ConcurrencyLimit;
  private dummyHash?: Promise<string>;

  constructor(config: AppConfig) {
    this.limit = new ConcurrencyLimit(availableParallelism(), config.argon2MaxQueue);
    this.options = {
      algorithm: ARGON2ID,
      memoryCost: config.argon2MemoryKib,
      timeCost: config.argon2TimeCost,
      parallelism: config.argon2Parallelism,
    };
  }

  /** `signal`: the client's (see clientSignalOf); once it aborts, a hash still waiting is dropped. */
  hash(password: string, signal?: AbortSignal): Promise<string> {
    return this.queued(() => hash(password, this.options), signal);
  }

  /** False for a wrong password and for a hash that cannot be read. */
  verify(passwordHash: string, password: string, signal?: AbortSignal): Promise<boolean> {
    return this.queued(() => verify(passwordHash, password).catch(() => false), signal);
  }

  /**
   * Costs what a real verification costs and always fails: used for unknown accounts, so a login
   * does not reveal by its duration whether an account exists.
   */
  async verifyDummy(password: string, signal?: AbortSignal): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('base64url')).catch((error: unknown) => {
      this.dummyHash = undefined;
      throw error;
    });
    await this.verify(await this.dummyHash, password, signal);
    return false;
  }

  /** Runs on a core when one is free, if the client is still there to see it by then. */
  private async queued<T>(work: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    try {
      return await this.limit.run(work, signal);
    } catch (error) {
      if (error instanceof QueueFullError) {
        throw new ServiceSaturatedError('The server is busy, please retry', SATURATED_RETRY_AFTER_SECONDS);
      }
      throw error instanceof TaskAbortedError ? new ClientGoneError() : error;
    }
  }

  /** The hash was made with other parameters than the configured ones (they were raised since). */
  needsRehash(passwordHash: string): boolean {
    try {
      const used = parseOptions(passwordHash);
      return (
        used.algorithm !== this.options.algorithm ||
        used.memoryCost !== this.options.memoryCost ||
        used.timeCost !== this.options.timeCost ||
        used.parallelism !== this.options.parallelism
      );
    } catch {
      return true;
    }
  }
}
