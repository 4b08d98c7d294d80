import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A row per refresh-token family, which rotation locks and revocation updates; the revocation moves
 * from each token to its family. Existing families are carried over, revoked when any of their
 * tokens was (a token issued while a logout ran may have escaped it: it is revoked now too).
 */
export class AddRefreshTokenFamilies1796118541802 implements MigrationInterface {
  name = 'AddRefreshTokenFamilies1796118541802';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "refresh_token_families" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "user_id" uuid NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_6912327ad39338e9032e1c76049" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      INSERT INTO "refresh_token_families" ("id", "created_at", "user_id", "revoked_at")
      SELECT "family_id", min("created_at"), min("user_id"::text)::uuid, max("revoked_at")
      FROM "refresh_tokens"
      GROUP BY "family_id"
    `);
    await queryRunner.query(
      `CREATE INDEX "IX_refresh_token_families_user_id" ON "refresh_token_families" ("user_id")`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "revoked_at"`);
    await queryRunner.query(`
      ALTER TABLE "refresh_token_families" ADD CONSTRAINT "FK_refresh_token_families_user_id"
      FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_refresh_tokens_family_id"
      FOREIGN KEY ("family_id") REFERENCES "refresh_token_families"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_refresh_tokens_family_id"`);
    await queryRunner.query(
      `ALTER TABLE "refresh_token_families" DROP CONSTRAINT "FK_refresh_token_families_user_id"`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "revoked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`
      UPDATE "refresh_tokens" AS t SET "revoked_at" = f."revoked_at"
      FROM "refresh_token_families" AS f
      WHERE f."id" = t."family_id"
    `);
    await queryRunner.query(`DROP INDEX "public"."IX_refresh_token_families_user_id"`);
    await queryRunner.query(`DROP TABLE "refresh_token_families"`);
  }
}
