import { Module } from '@nestjs/common';
import { AdminBootstrap } from './admin-bootstrap';
import { PasswordHasher } from './password-hasher';
import { UserAccountsService } from './user-accounts.service';
import { UserPasswords } from './user-passwords';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * Accounts: registration, profiles, passwords, admin management, and the user-row side of the
 * account flows (UserAccountsService). It knows nothing of tokens or mail beyond the version it
 * bumps and the jobs it enqueues; the auth and accounts modules depend on it, never the other way round.
 */
@Module({
  controllers: [UsersController],
  providers: [
    UsersService,
    UserAccountsService,
    UserPasswords,
    UsersRepository,
    PasswordHasher,
    AdminBootstrap,
  ],
  exports: [UsersService, UserAccountsService],
})
export class UsersModule {}
