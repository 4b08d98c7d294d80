import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminBootstrap } from './admin-bootstrap';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UserPasswords } from './user-passwords';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * Accounts: registration, profiles, passwords, admin management. It knows nothing of tokens
 * beyond the version it bumps; the auth module depends on it, never the other way round.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [UsersController],
  providers: [UsersService, UserPasswords, UsersRepository, PasswordHasher, AdminBootstrap],
  exports: [UsersService],
})
export class UsersModule {}
