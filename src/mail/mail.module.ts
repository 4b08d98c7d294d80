import path from 'node:path';
import type { OnApplicationShutdown } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { FileMailTransport } from './file-transport';
import { MailDeliveriesRepository } from './mail-deliveries.repository';
import { MailDeliveryPurge } from './mail-delivery-purge';
import { MailTemplates } from './mail-templates';
import { MailTransport } from './mail-transport';
import { MailService } from './mail.service';
import { SendMailHandler } from './send-mail.handler';
import { SmtpMailTransport } from './smtp-transport';

/** SMTP_URL's server when it is set; otherwise (outside production, which requires it) files. */
export function createMailTransport(config: Pick<AppConfig, 'smtpUrl' | 'dataDir'>): MailTransport {
  return config.smtpUrl
    ? new SmtpMailTransport(config.smtpUrl)
    : new FileMailTransport(path.join(config.dataDir, 'mail'));
}

/**
 * Outgoing mail for every module: `MailService.enqueue(tx, message)`. Global, like the database:
 * mail is infrastructure, not a feature one module owns. The templates are read at startup, so a
 * missing or broken one stops it.
 */
@Global()
@Module({
  providers: [
    MailService,
    { provide: MailTemplates, useFactory: () => MailTemplates.load() },
    { provide: MailTransport, inject: [AppConfig], useFactory: createMailTransport },
    MailDeliveriesRepository,
    SendMailHandler,
    MailDeliveryPurge,
  ],
  exports: [MailService],
})
export class MailModule implements OnApplicationShutdown {
  constructor(private readonly transport: MailTransport) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
