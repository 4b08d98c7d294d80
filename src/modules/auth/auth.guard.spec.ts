import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { AuthGuard } from './auth.guard';
import type { AuthService } from './auth.service';

function makeContext(headers: Record<string, string>, metadata: Record<string, unknown> = {}) {
  const request: { headers: Record<string, string>; user?: AuthUser } = { headers };
  const handler = () => undefined;
  for (const [key, value] of Object.entries(metadata)) {
    Reflect.defineMetadata(key, value, handler);
  }
  const context = {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

describe(AuthGuard.name, () => {
  const user: AuthUser = { id: 'u1', role: 'user' };
  let authenticate: jest.Mock;
  let guard: AuthGuard;
  /** The guard's answer as a promise, whether it came synchronously or not. */
  const activate = async (context: ExecutionContext): Promise<boolean> => guard.canActivate(context);

  beforeEach(() => {
    authenticate = jest
      .fn()
      .mockImplementation((token: string) => Promise.resolve(token === 'good' ? user : null));
    guard = new AuthGuard(new Reflector(), { authenticate } as unknown as AuthService);
  });

  it('lets a valid bearer token through and sets the caller on the request', async () => {
    const { context, request } = makeContext({ authorization: 'Bearer good' });
    await expect(activate(context)).resolves.toBe(true);
    expect(request.user).toEqual(user);
  });

  it('refuses a private route without a token', async () => {
    const { context } = makeContext({});
    await expect(activate(context)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('refuses an invalid token and a scheme other than Bearer', async () => {
    await expect(activate(makeContext({ authorization: 'Bearer bad' }).context)).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(activate(makeContext({ authorization: 'Basic good' }).context)).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('opens a public route to anyone, still identifying a caller with a valid token', async () => {
    const anonymous = makeContext({ authorization: 'Bearer bad' }, { [IS_PUBLIC]: true });
    await expect(activate(anonymous.context)).resolves.toBe(true);
    expect(anonymous.request.user).toBeUndefined();

    const known = makeContext({ authorization: 'Bearer good' }, { [IS_PUBLIC]: true });
    await expect(activate(known.context)).resolves.toBe(true);
    expect(known.request.user).toEqual(user);
  });

  it('answers 403 when the caller lacks every role the route asks for', async () => {
    const { context } = makeContext({ authorization: 'Bearer good' }, { [ROLES_KEY]: ['admin'] });
    await expect(activate(context)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('answers a request without a token synchronously: a boolean, or a throw, never a promise', () => {
    const open = makeContext({}, { [IS_PUBLIC]: true });
    expect(guard.canActivate(open.context)).toBe(true);
    expect(() => guard.canActivate(makeContext({}).context)).toThrow(UnauthenticatedError);
    expect(authenticate).not.toHaveBeenCalled();
  });
});
