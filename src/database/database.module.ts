import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsWithLock } from './run-migrations';

/**
 * Connects, then applies pending migrations before any module initialises, so startup code
 * (an admin bootstrap, say) always sees the current schema.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({
          url: config.databaseUrl ?? '',
          poolSize: config.dbPoolSize,
          connectTimeoutSeconds: config.dbConnectTimeout,
          statementTimeoutSeconds: config.dbStatementTimeout,
        }),
        retryAttempts: 5,
        retryDelay: 2_000,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const dataSource = await new DataSource(options as DataSourceOptions).initialize();
        await runMigrationsWithLock(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
