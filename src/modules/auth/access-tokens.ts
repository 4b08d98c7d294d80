import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '../../common/auth/auth-user';
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

  /** The claims of a valid access token, or null for anything else (expired, forged, a refresh token…). */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const payload = await this.jwt.verifyAsync<Partial<AccessTokenPayload>>(token, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      const { sub, role, ver, typ } = payload;
      if (typ !== ACCESS_TOKEN_TYPE || typeof sub !== 'string' || typeof ver !== 'number' || !role) {
        return null;
      }
      return { sub, role, ver };
    } catch {
      return null;
    }
  }
}
