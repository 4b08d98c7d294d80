import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { deriveKey, KeyPurpose } from '../../common/crypto/derived-keys';
import { AppConfig } from '../../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { RefreshTokenPurge } from './refresh-token-purge';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/** Tokens and the global guard. It depends on the users module's service, never on its tables. */
@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
      // public key (and fails) on every sign and verify, most of the CPU of an authenticated request.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(deriveKey(config.jwtSecret, KeyPurpose.AccessTokens)),
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    AccessTokens,
    RefreshTokensRepository,
    RefreshTokenPurge,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
