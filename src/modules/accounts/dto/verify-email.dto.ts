import { IsOneTimeToken } from './token-fields';

export class VerifyEmailDto {
  @IsOneTimeToken('The token of the link in the verification mail')
  token: string;
}
