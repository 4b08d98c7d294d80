import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { JobHandler, JobQueueOptions } from './job-queue';
import { JOB_QUEUE } from './job-queue';
import type { ResolvedQueueOptions } from './queue-settings';
import { resolveQueueOptions } from './queue-settings';

export interface RegisteredQueue {
  options: ResolvedQueueOptions;
  handler: JobHandler;
}

/** The providers marked `@JobQueue`, by queue name, found once in the whole app. */
@Injectable()
export class JobHandlers {
  private found?: ReadonlyMap<string, RegisteredQueue>;

  constructor(private readonly discovery: DiscoveryService) {}

  get queues(): ReadonlyMap<string, RegisteredQueue> {
    this.found ??= this.discover();
    return this.found;
  }

  private discover(): Map<string, RegisteredQueue> {
    const queues = new Map<string, RegisteredQueue>();
    for (const wrapper of this.discovery.getProviders()) {
      const type: unknown = wrapper.metatype;
      const marked =
        typeof type === 'function'
          ? (Reflect.getMetadata(JOB_QUEUE, type) as JobQueueOptions | undefined)
          : undefined;
      if (marked === undefined) {
        continue;
      }
      const options = resolveQueueOptions(marked);
      const handler = wrapper.instance as Partial<JobHandler> | undefined;
      if (!wrapper.isDependencyTreeStatic() || typeof handler?.handle !== 'function') {
        throw new Error(
          `@JobQueue "${options.name}" (${wrapper.name}) must be a singleton provider with a handle(data, job) method`,
        );
      }
      const other = queues.get(options.name);
      if (other !== undefined) {
        throw new Error(`Two providers handle the job queue "${options.name}"; a queue has one handler`);
      }
      queues.set(options.name, { options, handler: handler as JobHandler });
    }
    return queues;
  }
}
