import type { DynamicModule, MiddlewareConsumer, NestModule, Type } from '@nestjs/common';
import { Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ResourceCacheModule } from './common/cache/resource-cache.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { ApiRequestMiddleware } from './common/http/api-request.middleware';
import { EnvelopeInterceptor } from './common/http/envelope.interceptor';
import { nestLoggerParams } from './common/logging/loggers';
import { LOGGERS, LoggingModule } from './common/logging/logging.module';
import { PaginationModule } from './common/pagination/pagination.module';
import { DocsModule } from './docs/docs.module';
import { createValidationPipe } from './common/pipes/validation.pipe';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { RedisModule } from './common/redis/redis.module';
import type { Loggers } from './common/logging/loggers';
import type { AppConfigValues } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { OpsModule } from './ops/ops.module';
import { AccountsModule } from './modules/accounts/accounts.module';
import { AuthModule } from './modules/auth/auth.module';
import { PostsModule } from './modules/posts/posts.module';
import { UsersModule } from './modules/users/users.module';

/** The feature modules of the API; the module generator registers new ones here. */
export const FEATURE_MODULES: Type[] = [UsersModule, AuthModule, AccountsModule, PostsModule];

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfigValues, extraModules: Type[] = [], loggers?: Loggers): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(loggers),
        LoggerModule.forRootAsync({ inject: [LOGGERS], useFactory: nestLoggerParams }),
        DatabaseModule,
        LifecycleModule,
        OpsModule,
        HealthModule,
        MetricsModule,
        JobsModule,
        PaginationModule,
        RedisModule,
        ResourceCacheModule,
        RateLimitModule,
        MailModule,
        ...(config.docsEnabled ? [DocsModule] : []),
        ...FEATURE_MODULES,
        ...extraModules,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Nest mounts a wildcard as it routes: under the global prefix (every /api path, routed or not)
    // and on each route excluded from the prefix (health, metrics, /docs/json), but not on Swagger
    // UI's pages or on paths outside both (`/nope`). It mounts it a second time, GET only, on the
    // controller routes outside the prefix; the middleware skips a request it has run for.
    consumer.apply(ApiRequestMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
