import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Outgoing mail, for every module: `MailService.enqueue(tx, message)`. */
@Global()
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
