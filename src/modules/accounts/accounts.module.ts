import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AccountMailer } from './account-mailer';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { EmailChangeRequestedHandler } from './jobs/email-change-requested.handler';
import { PasswordResetRequestedHandler } from './jobs/password-reset-requested.handler';
import { PurgeTokensHandler } from './jobs/purge-tokens.handler';
import { RegisteredHandler } from './jobs/registered.handler';
import { VerificationRequestedHandler } from './jobs/verification-requested.handler';
import { OneTimeTokensRepository } from './one-time-tokens.repository';
import { OneTimeTokens } from './one-time-tokens.service';

/**
 * Email verification, password recovery and email change: the one-time tokens of mailed links,
 * the jobs that issue and mail them, and the routes that use them. It changes user rows only
 * through the users module's UserAccountsService; the users module knows nothing of it (it
 * enqueues jobs that this module handles).
 */
@Module({
  imports: [UsersModule],
  controllers: [AccountsController],
  providers: [
    AccountsService,
    AccountMailer,
    OneTimeTokens,
    OneTimeTokensRepository,
    RegisteredHandler,
    VerificationRequestedHandler,
    PasswordResetRequestedHandler,
    EmailChangeRequestedHandler,
    PurgeTokensHandler,
  ],
  exports: [AccountsService, OneTimeTokens],
})
export class AccountsModule {}
