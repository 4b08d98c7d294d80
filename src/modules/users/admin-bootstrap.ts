import type { OnApplicationBootstrap } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { UsersService } from './users.service';

/** With ADMIN_EMAIL and ADMIN_PASSWORD set, startup makes sure that admin account exists. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (adminEmail && adminPassword) {
      await this.users.ensureAdmin(adminEmail, adminPassword);
    }
  }
}
