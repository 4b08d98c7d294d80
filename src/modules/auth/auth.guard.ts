import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser, Role } from './auth-user';
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

  /**
   * Without a token nothing is awaited, and the answer is a plain boolean (or a throw), which Nest
   * takes without a turn of the microtask queue: every anonymous read is such a request.
   */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const policy = this.policies.of(context);
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    return token ? this.identified(token, request, policy) : admit(null, undefined, policy);
  }

  private async identified(token: string, request: RequestWithUser, policy: RoutePolicy): Promise<boolean> {
    const user = await this.auth.authenticate(token);
    if (user) {
      request.user = user;
    }
    return admit(user, token, policy);
  }
}

/** Whether the caller (`null`: none, or a token that did not verify) may use a route of this policy. */
function admit(user: AuthUser | null, token: string | undefined, { isPublic, roles }: RoutePolicy): boolean {
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
