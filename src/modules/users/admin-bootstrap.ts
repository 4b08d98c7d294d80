import type { OnApplicationBootstrap } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { normalizeEmail } from './dto/user-fields';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

/** With ADMIN_EMAIL and ADMIN_PASSWORD set, startup makes sure that admin account exists. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly db: Database,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (adminEmail && adminPassword) {
      await this.ensureAdmin(adminEmail, adminPassword);
    }
  }

  /**
   * Makes sure the configured admin exists; safe when several instances start at once (the insert
   * ignores conflicts). An existing account with that email is left as it is: promoting it would
   * hand admin rights to whoever registered that email first.
   */
  private async ensureAdmin(email: string, password: string): Promise<void> {
    const adminEmail = normalizeEmail(email);
    const existing = await this.users.findByEmail(this.db.pool, adminEmail);
    if (existing) {
      if (existing.role !== 'admin') {
        this.logger.warn('ADMIN_EMAIL belongs to an account that is not an admin; it was left unchanged');
      }
      return;
    }
    const passwordHash = await this.hasher.hash(password);
    // "admin" may be someone's username already; then a suffixed one.
    for (const username of ['admin', `admin-${randomBytes(3).toString('hex')}`]) {
      // Its address comes from the operator's configuration: nobody else could have claimed it.
      const values = {
        email: adminEmail,
        username,
        passwordHash,
        role: 'admin' as const,
        emailVerifiedAt: new Date(),
      };
      const inserted = await this.users.insertIfAbsent(this.db.pool, values);
      if (inserted || (await this.users.findByEmail(this.db.pool, adminEmail))) {
        if (inserted) {
          this.logger.log(`Created the admin account ${username}`);
        }
        return;
      }
    }
    throw new Error('Could not create the admin account from ADMIN_EMAIL');
  }
}
