import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tokens of mailed links (verification, password reset, email change), as hashes. At most one
 * unused token per user and purpose: issuing a new one voids the old, even under concurrency.
 */
export class CreateOneTimeTokens1796140245502 implements MigrationInterface {
  name = 'CreateOneTimeTokens1796140245502';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "one_time_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "token_hash" character(64) NOT NULL,
        "user_id" uuid NOT NULL,
        "purpose" character varying(20) NOT NULL,
        "email" character varying(255) NOT NULL,
        "token_version" integer NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_one_time_tokens_purpose" CHECK (
          "purpose" IN ('email-verify', 'password-reset', 'email-change')
        ),
        CONSTRAINT "PK_8e470cc9ffc1b2afa054304db17" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_one_time_tokens_token_hash" ON "one_time_tokens" ("token_hash")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IX_one_time_tokens_expires_at" ON "one_time_tokens" ("expires_at")`,
    );
    await queryRunner.query(`
      CREATE UNIQUE INDEX "UQ_one_time_tokens_live_user_purpose" ON "one_time_tokens" ("user_id", "purpose")
      WHERE "used_at" IS NULL
    `);
    await queryRunner.query(`
      ALTER TABLE "one_time_tokens" ADD CONSTRAINT "FK_one_time_tokens_user_id"
      FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "one_time_tokens" DROP CONSTRAINT "FK_one_time_tokens_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_one_time_tokens_live_user_purpose"`);
    await queryRunner.query(`DROP INDEX "public"."IX_one_time_tokens_expires_at"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_one_time_tokens_token_hash"`);
    await queryRunner.query(`DROP TABLE "one_time_tokens"`);
  }
}
