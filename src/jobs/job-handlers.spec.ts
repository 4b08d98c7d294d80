import type { DiscoveryService } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { JobHandlers } from './job-handlers';
import { JobQueue } from './job-queue';

function wrapper(metatype: unknown, instance: unknown, isStatic = true): InstanceWrapper {
  return {
    metatype,
    instance,
    name: 'Provider',
    isDependencyTreeStatic: () => isStatic,
  } as unknown as InstanceWrapper;
}

function handlersOf(...wrappers: InstanceWrapper[]): JobHandlers {
  return new JobHandlers({ getProviders: () => wrappers } as unknown as DiscoveryService);
}

@JobQueue({ name: 'a.first', retryLimit: 2 })
class First {
  handle(): Promise<void> {
    return Promise.resolve();
  }
}

@JobQueue({ name: 'a.first' })
class AlsoFirst extends First {}

class Unmarked {}

describe(JobHandlers.name, () => {
  it('finds the providers marked @JobQueue, with their options resolved', () => {
    const first = new First();
    const queues = handlersOf(
      wrapper(First, first),
      wrapper(Unmarked, new Unmarked()),
      wrapper(null, {}),
    ).queues;
    expect([...queues.keys()]).toEqual(['a.first']);
    expect(queues.get('a.first')).toMatchObject({
      handler: first,
      options: { retryLimit: 2, retryDelaySeconds: 5 },
    });
  });

  it('refuses two handlers of one queue', () => {
    const handlers = handlersOf(wrapper(First, new First()), wrapper(AlsoFirst, new AlsoFirst()));
    expect(() => handlers.queues).toThrow('Two providers handle the job queue "a.first"');
  });

  it('refuses a request-scoped handler, or one without handle()', () => {
    expect(() => handlersOf(wrapper(First, new First(), false)).queues).toThrow(
      'must be a singleton provider',
    );
    expect(() => handlersOf(wrapper(First, {})).queues).toThrow('must be a singleton provider');
  });
});
