import { IsOneTimeToken } from './token-fields';

export class ConfirmEmailChangeDto {
  @IsOneTimeToken('The token of the link mailed to the new address')
  token: string;
}
