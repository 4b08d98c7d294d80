import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the address was verified, and the address an email change waits on. Accounts that exist
 * when this runs were made before verification existed: they count as verified (from now), so
 * nobody is locked out by AUTH_REQUIRE_VERIFIED_EMAIL.
 */
export class AddEmailVerificationToUsers1796140245500 implements MigrationInterface {
  name = 'AddEmailVerificationToUsers1796140245500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "pending_email" character varying(255)`);
    await queryRunner.query(`
      ALTER TABLE "users"
      ADD CONSTRAINT "CHK_users_pending_email_lower_case" CHECK ("pending_email" = lower("pending_email"))
    `);
    await queryRunner.query(`UPDATE "users" SET "email_verified_at" = now()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_pending_email_lower_case"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "pending_email"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_verified_at"`);
  }
}
