import type { ExecutionContext } from '@nestjs/common';
import { PerRoute } from './per-route';

function contextOf(handler: object, controller: object): ExecutionContext {
  return { getHandler: () => handler, getClass: () => controller } as unknown as ExecutionContext;
}

describe(PerRoute.name, () => {
  class Base {
    find(): void {}
  }
  class Child extends Base {}

  it('computes a route once, however many requests it serves', () => {
    const compute = jest.fn(() => ({ isPublic: true }));
    const perRoute = new PerRoute(compute);
    const first = perRoute.of(contextOf(Base.prototype.find, Base));
    expect(perRoute.of(contextOf(Base.prototype.find, Base))).toBe(first);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('keeps an inherited handler apart for each controller', () => {
    const perRoute = new PerRoute(([, controller]) => (controller as { name: string }).name);
    expect(perRoute.of(contextOf(Base.prototype.find, Base))).toBe('Base');
    expect(perRoute.of(contextOf(Base.prototype.find, Child))).toBe('Child');
  });

  it('remembers a computed undefined too', () => {
    const compute = jest.fn(() => undefined);
    const perRoute = new PerRoute(compute);
    perRoute.of(contextOf(Base.prototype.find, Base));
    perRoute.of(contextOf(Base.prototype.find, Base));
    expect(compute).toHaveBeenCalledTimes(1);
  });
});
