import { CacheModule } from '@nestjs/cache-manager';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { createCacheStore } from './cache-store';
import { ResourceCache } from './resource-cache';

@Global()
@Module({
  imports: [
    CacheModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // One keyv package, declared twice (CommonJS here, ES module in @nestjs/cache-manager).
        stores: [createCacheStore(config) as never],
        ttl: config.cacheTtl * 1000,
      }),
    }),
  ],
  providers: [ResourceCache],
  exports: [ResourceCache],
})
export class ResourceCacheModule {}
