import { ShutdownState } from './shutdown-state';

describe(ShutdownState.name, () => {
  it('tells each listener once, when shutdown begins', () => {
    const state = new ShutdownState();
    const listener = jest.fn();
    state.onShutdown(listener);
    expect(listener).not.toHaveBeenCalled();
    state.beginShutdown();
    state.beginShutdown();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(state.isShuttingDown).toBe(true);
  });

  it('tells a listener at once when shutdown has begun already', () => {
    const state = new ShutdownState();
    state.beginShutdown();
    const listener = jest.fn();
    state.onShutdown(listener);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
