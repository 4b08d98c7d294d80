import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A mail that went out, one row per job of the `mail.send` queue: a retried job whose row exists is
 * not sent again. Keyed by the job's id rather than an id of its own, since that is what it records.
 */
@Entity('mail_deliveries')
export class MailDelivery {
  @PrimaryColumn({ type: 'uuid' })
  jobId: string;

  @Column({ type: 'varchar', length: 100 })
  template: string;

  /** The Message-ID header the mail carried. */
  @Column({ type: 'varchar', length: 255 })
  messageId: string;

  /** When the try that sent it began; the row commits only once the server took the message. */
  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;
}
