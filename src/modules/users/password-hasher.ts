import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Injectable } from '@nestjs/common';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { Algorithm, Options } from '@node-rs/argon2';
import { ConcurrencyLimit } from '../../common/concurrency/concurrency-limit';
import { AppConfig } from '../../config/app-config';

/** `Algorithm.Argon2id`; the enum is a const enum, which isolatedModules cannot read. */
const ARGON2ID = 2 as Algorithm;

/**
 * argon2id with the cost parameters from config (OWASP's minimum by default). One hash at a time
 * per core this process may use (the cores `taskset` or a container leave it): a login flood then
 * queues here instead of filling libuv's threadpool, so the event loop keeps a core's share for
 * every other request, and the memory held by hashes in flight stays at one block (m) per core.
 */
@Injectable()
export class PasswordHasher {
  private readonly options: Options;
  private readonly limit = new ConcurrencyLimit(availableParallelism());
  private dummyHash?: Promise<string>;

  constructor(config: AppConfig) {
    this.options = {
      algorithm: ARGON2ID,
      memoryCost: config.argon2MemoryKib,
      timeCost: config.argon2TimeCost,
      parallelism: config.argon2Parallelism,
    };
  }

  hash(password: string): Promise<string> {
    return this.limit.run(() => hash(password, this.options));
  }

  /** False for a wrong password and for a hash that cannot be read. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await this.limit.run(() => verify(passwordHash, password));
    } catch {
      return false;
    }
  }

  /**
   * Costs what a real verification costs and always fails: used for unknown accounts, so a login
   * does not reveal by its duration whether an account exists.
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('base64url'));
    await this.verify(await this.dummyHash, password);
    return false;
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
