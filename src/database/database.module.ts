import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { connectAndMigrate } from './connect-database';
import { Database } from './database';
import { buildDataSourceOptions } from './data-source-options';

/**
 * Connects, then applies pending migrations before any module initialises, so startup code
 * (an admin bootstrap, say) always sees the current schema. Global: every service reaches the
 * database through `Database` (the pool or a transaction).
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig): TypeOrmModuleOptions => ({
        ...buildDataSourceOptions({
          url: config.databaseUrl,
          poolSize: config.dbPoolSize,
          connectTimeoutSeconds: config.dbConnectTimeout,
          statementTimeoutSeconds: config.dbStatementTimeout,
        }),
        // Read by connectAndMigrate, which retries and logs each try as one line; @nestjs/typeorm's
        // own retry (one error line with a stack trace per try) is switched off by toRetry.
        retryAttempts: config.dbConnectAttempts,
        retryDelay: config.dbConnectRetryDelay * 1000,
        toRetry: () => false,
      }),
      dataSourceFactory: (options?: DataSourceOptions) => {
        const { retryAttempts, retryDelay } = options as TypeOrmModuleOptions;
        return connectAndMigrate(options as DataSourceOptions, {
          attempts: retryAttempts ?? 1,
          delayMs: retryDelay ?? 0,
        });
      },
    }),
  ],
  providers: [Database],
  exports: [Database],
})
export class DatabaseModule {}
