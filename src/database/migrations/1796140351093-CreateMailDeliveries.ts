import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A row per mail that went out, keyed by its job of the `mail.send` queue: a job tried again after
 * its mail was sent finds the row and sends nothing.
 */
export class CreateMailDeliveries1796140351093 implements MigrationInterface {
  name = 'CreateMailDeliveries1796140351093';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "mail_deliveries" (
        "job_id" uuid NOT NULL,
        "template" character varying(100) NOT NULL,
        "message_id" character varying(255) NOT NULL,
        "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_d052f98900e199b0531b397bf05" PRIMARY KEY ("job_id")
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mail_deliveries"`);
  }
}
