import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCH_VECTOR = `to_tsvector('english', "title" || ' ' || "content")`;
/** What every public read asks for: the partial indexes below hold exactly these rows. */
const VISIBLE = `"status" = 'published' AND "deleted_at" IS NULL`;

/**
 * Posts, their keyset and search indexes. The generated column's expression is also recorded in
 * `typeorm_metadata` (created by the migration runner), where TypeORM's drift check reads it; the
 * row names the current database, so it is looked up rather than written literally.
 */
export class CreatePosts1764100000000 implements MigrationInterface {
  name = 'CreatePosts1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."posts_status" AS ENUM('draft', 'published')`);
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), current_schema(), 'posts', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [SEARCH_VECTOR],
    );
    await queryRunner.query(`
      CREATE TABLE "posts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "title" character varying(200) NOT NULL,
        "content" text NOT NULL,
        "status" "public"."posts_status" NOT NULL DEFAULT 'draft',
        "tags" text array NOT NULL DEFAULT '{}',
        "slug" character varying(100) NOT NULL,
        "author_id" uuid NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE,
        "version" integer NOT NULL DEFAULT '1',
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        "search_vector" tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR}) STORED,
        CONSTRAINT "PK_2829ac61eff60fcec60d7274b9e" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_posts_slug" ON "posts" ("slug")`);
    await queryRunner.query(
      `CREATE INDEX "IX_posts_feed" ON "posts" ("published_at" DESC, "id" DESC) WHERE ${VISIBLE}`,
    );
    await queryRunner.query(
      `CREATE INDEX "IX_posts_author_feed" ON "posts" ("author_id", "published_at" DESC, "id" DESC) WHERE ${VISIBLE}`,
    );
    // Not partial: it also serves the foreign key (a user's rows, deleted ones included).
    await queryRunner.query(
      `CREATE INDEX "IX_posts_author_created" ON "posts" ("author_id", "created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(`CREATE INDEX "IX_posts_tags" ON "posts" USING GIN ("tags") WHERE ${VISIBLE}`);
    await queryRunner.query(
      `CREATE INDEX "IX_posts_search" ON "posts" USING GIN ("search_vector") WHERE ${VISIBLE}`,
    );
    await queryRunner.query(`
      ALTER TABLE "posts" ADD CONSTRAINT "FK_posts_author_id" FOREIGN KEY ("author_id")
      REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "posts"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_vector'
       AND "database" = current_database() AND "schema" = current_schema() AND "table" = 'posts'`,
    );
    await queryRunner.query(`DROP TYPE "public"."posts_status"`);
  }
}
