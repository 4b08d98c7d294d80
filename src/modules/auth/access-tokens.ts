import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { ROLES } from './auth-user';
import type { Role } from './auth-user';
import { AppConfig } from '../../config/app-config';

/** Pinned: a token signed with any other algorithm (or `none`) is refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';
export const TOKEN_ISSUER = 'strata';
export const TOKEN_AUDIENCE = 'strata-api';
/** Distinguishes access tokens from any other JWT this secret might ever sign. */
const ACCESS_TOKEN_TYPE = 'access';

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  /** The user's token version at issue; a password change or deactivation moves it on. */
  ver: number;
}

interface AccessTokenPayload extends AccessTokenClaims {
  typ: string;
}

/** Short-lived access JWTs: signed and checked with one pinned algorithm, issuer, audience and type. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.jwtAccessTtl;
  }

  issue(claims: AccessTokenClaims): Promise<string> {
    const payload: AccessTokenPayload = { ...claims, typ: ACCESS_TOKEN_TYPE };
    return this.jwt.signAsync(payload, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      expiresIn: this.config.jwtAccessTtl,
    });
  }

  /**
   * The claims of a valid access token, or null for anything else (expired, forged, a refresh
   * token, a claim missing or of the wrong shape). Every claim is checked here, before the caller
   * looks anything up by them: a malformed token never reaches the database.
   */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    let payload: Record<string, unknown>;
    try {
      payload = await this.jwt.verifyAsync<Record<string, unknown>>(token, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
    } catch {
      return null;
    }
    return accessTokenClaims(payload);
  }
}

/** The claims of a payload whose signature checked out, or null unless every one has its shape. */
function accessTokenClaims(payload: Record<string, unknown>): AccessTokenClaims | null {
  const { sub, role, ver, typ, exp, iat } = payload;
  if (typ !== ACCESS_TOKEN_TYPE || typeof sub !== 'string' || !isUUID(sub) || !isRole(role)) {
    return null;
  }
  if (typeof ver !== 'number' || !Number.isSafeInteger(ver) || ver < 0) {
    return null;
  }
  // jsonwebtoken checks `exp` only when present: a token without one would never expire.
  if (!isTimestamp(exp) || (iat !== undefined && !isTimestamp(iat))) {
    return null;
  }
  return { sub: sub.toLowerCase(), role, ver };
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
