import type { ExecutionContext } from '@nestjs/common';

/** A route's handler and its controller, the targets of Nest's metadata decorators. */
export type RouteTargets = [
  handler: ReturnType<ExecutionContext['getHandler']>,
  controller: ReturnType<ExecutionContext['getClass']>,
];

/**
 * A value computed once per route from its metadata, which never changes while the app runs, instead
 * of on every request. Keyed by controller and handler: a handler can be inherited by several
 * controllers, each with its own decorators.
 */
export class PerRoute<T> {
  private readonly byController = new WeakMap<object, WeakMap<object, T>>();

  constructor(private readonly compute: (targets: RouteTargets) => T) {}

  of(context: ExecutionContext): T {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.byController.get(controller);
    if (byHandler === undefined) {
      byHandler = new WeakMap();
      this.byController.set(controller, byHandler);
    }
    if (!byHandler.has(handler)) {
      byHandler.set(handler, this.compute([handler, controller]));
    }
    return byHandler.get(handler) as T;
  }
}
