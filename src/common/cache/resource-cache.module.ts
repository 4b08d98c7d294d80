import type { OnModuleDestroy } from '@nestjs/common';
import { Global, Inject, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { closeCacheBackend, createCacheBackend } from './cache-store';
import type { CacheBackend } from './cache-store';
import { CACHE_BACKEND, ResourceCache } from './resource-cache';

@Global()
@Module({
  providers: [{ provide: CACHE_BACKEND, inject: [AppConfig], useFactory: createCacheBackend }, ResourceCache],
  exports: [ResourceCache],
})
export class ResourceCacheModule implements OnModuleDestroy {
  constructor(@Inject(CACHE_BACKEND) private readonly backend: CacheBackend) {}

  async onModuleDestroy(): Promise<void> {
    await closeCacheBackend(this.backend);
  }
}
