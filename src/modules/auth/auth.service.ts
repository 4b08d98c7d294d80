import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from './auth-user';
import { AccountLockout } from '../../common/rate-limit/account-lockout';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { UsersService } from '../users/users.service';
import type { LoginIdentifier, UserAuthState } from '../users/users.service';
import { AccessTokens } from './access-tokens';
import { EmailNotVerifiedError, InvalidCredentialsError, UnauthenticatedError } from './auth.errors';
import type { RefreshToken } from './refresh-token.entity';
import { hashRefreshToken, newRefreshTokenSecret } from './refresh-token-secret';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Lifetime of the access token, in seconds. */
  expiresIn: number;
}

/** What one refresh attempt came to; decided inside the transaction, acted on after it commits. */
type RefreshOutcome =
  { kind: 'rotated'; user: UserAuthState; refreshToken: string } | { kind: 'reused' | 'rejected' };

/**
 * Sign-in, refresh-token rotation with reuse detection, sign-out, and the check of access tokens
 * that the global guard runs on every request.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly lockout: AccountLockout,
  ) {}

  /**
   * Failed sign-ins are also counted per account (email or username as typed, known or not). With
   * AUTH_REQUIRE_VERIFIED_EMAIL an unverified address is refused, but only once the password was
   * right: a wrong one gets the same answer as for any account.
   * `signal`: the client's; if it goes away while the password check waits for a core, none is made.
   */
  async login(identifier: LoginIdentifier, password: string, signal?: AbortSignal): Promise<TokenPair> {
    const user = await this.lockout.attempt(
      identifier.email !== undefined ? 'sign-in-email' : 'sign-in-username',
      identifier.email ?? identifier.username,
      () => this.users.verifyCredentials(identifier, password, signal),
      (verified) => verified !== null,
    );
    if (!user) {
      throw new InvalidCredentialsError();
    }
    if (this.config.authRequireVerifiedEmail && !user.emailVerified) {
      throw new EmailNotVerifiedError();
    }
    // A new family; every token rotated from it expires with it (an absolute session lifetime).
    const expiresAt = new Date(Date.now() + this.config.jwtRefreshTtl * 1000);
    const refreshToken = newRefreshTokenSecret();
    await this.refreshTokens.startFamily(this.db.pool, {
      tokenHash: hashRefreshToken(refreshToken),
      userId: user.id,
      tokenVersion: user.tokenVersion,
      expiresAt,
    });
    return this.pair(user, refreshToken);
  }

  /**
   * Exchanges a refresh token for a new pair. Every refresh and every revocation of a family holds
   * its family's row lock, so they happen one after the other: of concurrent refreshes with one
   * token exactly one rotates it, and a token issued while a logout waits is revoked with the rest.
   * A token presented again within JWT_REFRESH_REUSE_GRACE of its rotation (a second tab refreshing
   * at the same moment) gets a fresh pair of the same family; later (a replay, maybe by a thief) it
   * revokes the whole family.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const tokenHash = hashRefreshToken(refreshToken);
    const outcome = await this.db.transaction(async (tx): Promise<RefreshOutcome> => {
      const found = await this.refreshTokens.findByHash(tx, tokenHash);
      const family = found && (await this.refreshTokens.lockFamily(tx, found.familyId));
      // Read again under the family's lock: a concurrent refresh may have used it meanwhile.
      const token = family && (await this.refreshTokens.findByHash(tx, tokenHash));
      if (!family || !token || family.revokedAt !== null || token.expiresAt.getTime() <= Date.now()) {
        return { kind: 'rejected' };
      }
      const reissue = token.usedAt !== null;
      if (token.usedAt !== null && !this.withinReuseGrace(token.usedAt)) {
        await this.refreshTokens.revokeFamily(tx, token.familyId);
        return { kind: 'reused' };
      }
      const user = await this.currentHolder(token);
      if (!user) {
        await this.refreshTokens.revokeFamily(tx, token.familyId);
        return { kind: 'rejected' };
      }
      const next = newRefreshTokenSecret();
      const inserted = await this.refreshTokens.insert(tx, {
        tokenHash: hashRefreshToken(next),
        familyId: token.familyId,
        userId: token.userId,
        tokenVersion: token.tokenVersion,
        expiresAt: token.expiresAt,
      });
      if (!reissue) {
        await this.refreshTokens.markUsed(tx, token.id, inserted.id, new Date());
      }
      return { kind: 'rotated', user, refreshToken: next };
    });

    if (outcome.kind === 'reused') {
      this.logger.warn('A rotated refresh token was presented again: its family is revoked');
    }
    if (outcome.kind !== 'rotated') {
      throw new UnauthenticatedError('Refresh token is invalid, expired or revoked');
    }
    return this.pair(outcome.user, outcome.refreshToken);
  }

  /**
   * Revokes the token's family. Idempotent: an unknown or already revoked token is not an error.
   * The revocation waits for a refresh of the family in progress, and covers what it issued.
   */
  async logout(refreshToken: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const token = await this.refreshTokens.findByHash(tx, hashRefreshToken(refreshToken));
      if (token) {
        await this.refreshTokens.revokeFamily(tx, token.familyId);
      }
    });
  }

  /**
   * The caller behind an access token, or null. The account is read on every request, so a
   * deactivation, a password change or a role change takes effect at once.
   */
  async authenticate(accessToken: string): Promise<AuthUser | null> {
    const claims = await this.accessTokens.verify(accessToken);
    if (!claims) {
      return null;
    }
    const user = await this.users.findAuthState(claims.sub);
    if (!user?.isActive || user.tokenVersion !== claims.ver) {
      return null;
    }
    return { id: user.id, role: user.role };
  }

  /** A used token presented this soon after its rotation is a concurrent client, not a replay. */
  private withinReuseGrace(usedAt: Date): boolean {
    return Date.now() - usedAt.getTime() < this.config.jwtRefreshReuseGrace * 1000;
  }

  /** The token's user while the account is active and no password change or deactivation has happened since. */
  private async currentHolder(token: RefreshToken): Promise<UserAuthState | null> {
    const user = await this.users.findAuthState(token.userId);
    return user?.isActive && user.tokenVersion === token.tokenVersion ? user : null;
  }

  private async pair(user: UserAuthState, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.accessTokens.issue({
      sub: user.id,
      role: user.role,
      ver: user.tokenVersion,
    });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.accessTokens.ttlSeconds };
  }
}
