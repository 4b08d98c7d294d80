import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';

export type RequestWithUser = Request & { user?: AuthUser };

/**
 * The caller set by the auth guard: always present on private routes, `undefined` on a public
 * route called without a (valid) token.
 */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.switchToHttp().getRequest<RequestWithUser>().user,
);
