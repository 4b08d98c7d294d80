import type { DynamicModule } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import type { AppConfigValues } from './app-config';

/** Provides the configuration validated once at startup, injectable as `AppConfig`. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfigValues): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: AppConfig, useValue: Object.freeze({ ...config }) }],
      exports: [AppConfig],
    };
  }
}
