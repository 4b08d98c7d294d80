import { Module } from '@nestjs/common';
import { AdminBootstrap } from './admin-bootstrap';
import { PasswordHasher } from './password-hasher';
import { UserPasswords } from './user-passwords';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * Accounts: registration, profiles, passwords, admin management. It knows nothing of tokens
 * beyond the version it bumps; the auth module depends on it, never the other way round.
 */
@Module({
  controllers: [UsersController],
  providers: [UsersService, UserPasswords, UsersRepository, PasswordHasher, AdminBootstrap],
  exports: [UsersService],
})
export class UsersModule {}
