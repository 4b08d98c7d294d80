import { ApiProperty } from '@nestjs/swagger';

/** The answer to a request by address: the same whether an account has it or not. */
export class AcceptedResponse {
  @ApiProperty({
    maxLength: 200,
    example: 'If an account uses this address, a mail is on its way',
    description: 'Always the same text: it tells nothing about which addresses have accounts',
  })
  message: string;
}

export const ACCEPTED: AcceptedResponse = {
  message: 'If an account uses this address, a mail is on its way',
};
