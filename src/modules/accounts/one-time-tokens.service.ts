import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database';
import type { Transaction } from '../../database/database';
import type { TokenPurpose } from './one-time-token.entity';
import { OneTimeTokensRepository } from './one-time-tokens.repository';
import type { ConsumedToken } from './one-time-tokens.repository';

export type { ConsumedToken } from './one-time-tokens.repository';

export interface TokenIssue {
  userId: string;
  purpose: TokenPurpose;
  /** The address the link is mailed to. */
  email: string;
  /** The user's token version now: a later password change voids the token. */
  tokenVersion: number;
  ttlSeconds: number;
}

/** Only this digest is stored: a database leak yields no usable link. */
function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * One-time tokens of mailed links: 256 random bits (base64url), stored as their SHA-256, bound to
 * one user and one purpose, used at most once, expiring. Issuing one voids the user's earlier
 * unused ones of the same purpose: only the newest link works.
 */
@Injectable()
export class OneTimeTokens {
  constructor(
    private readonly tokens: OneTimeTokensRepository,
    private readonly db: Database,
  ) {}

  /**
   * A new token, in the caller's transaction (it exists only if that commits, with its mail).
   * Two issues at once for one user and purpose: the partial unique index lets one commit and
   * fails the other, whose job is retried and then voids the first.
   */
  async issue(tx: Transaction, issue: TokenIssue): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.tokens.voidUnused(tx, issue.userId, issue.purpose);
    await this.tokens.insert(tx, {
      tokenHash: digest(token),
      userId: issue.userId,
      purpose: issue.purpose,
      email: issue.email,
      tokenVersion: issue.tokenVersion,
      expiresAt: new Date(Date.now() + issue.ttlSeconds * 1000),
    });
    return token;
  }

  /** What the token was issued for if it could be used now, without using it: to refuse a bad one before slow work. */
  async findUsable(token: string, purpose: TokenPurpose): Promise<ConsumedToken | null> {
    const found = await this.tokens.findUsable(this.db.pool, digest(token), purpose);
    return found && { userId: found.userId, email: found.email, tokenVersion: found.tokenVersion };
  }

  /** Uses the token (see `OneTimeTokensRepository.consume`): what it was issued for, or null. */
  consume(tx: Transaction, token: string, purpose: TokenPurpose): Promise<ConsumedToken | null> {
    return this.tokens.consume(tx, digest(token), purpose);
  }

  /** Voids the user's unused tokens of this purpose. */
  async voidAll(tx: Transaction, userId: string, purpose: TokenPurpose): Promise<void> {
    await this.tokens.voidUnused(tx, userId, purpose);
  }

  /** Deletes every token that can no longer be used; returns how many. */
  purgeSpent(): Promise<number> {
    return this.tokens.deleteSpent(this.db.pool);
  }
}
