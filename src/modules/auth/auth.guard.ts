import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from './auth-user';
import type { RequestWithUser } from './current-user.decorator';
import { IS_PUBLIC } from './public.decorator';
import { PerRoute } from '../../common/http/per-route';
import { ROLES_KEY } from './roles.decorator';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { AuthService } from './auth.service';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

interface RoutePolicy {
  isPublic: boolean;
  roles: Role[] | undefined;
}

/**
 * The global guard: every route needs a valid access token unless it is @Public(), and
 * @Roles() narrows it further. On a public route a valid token still identifies the caller.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  /** A route's metadata never changes once the app runs: read once per route, not per request. */
  private readonly policies = new PerRoute<RoutePolicy>((targets) => ({
    isPublic: this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
    roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
  }));

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, roles } = this.policies.of(context);
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const user = token ? await this.auth.authenticate(token) : null;
    if (user) {
      request.user = user;
    }
    if (isPublic) {
      return true;
    }
    if (!user) {
      throw new UnauthenticatedError(token ? 'Access token is invalid, expired or revoked' : undefined);
    }
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenError();
    }
    return true;
  }
}
