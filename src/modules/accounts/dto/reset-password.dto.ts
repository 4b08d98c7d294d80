import { IsNewPassword } from '../../users/dto/user-fields';
import { IsOneTimeToken } from './token-fields';

export class ResetPasswordDto {
  @IsOneTimeToken('The token of the link in the password-reset mail')
  token: string;

  /** Registration's rules: 8–128 characters, not a common password, not the username or email. */
  @IsNewPassword()
  newPassword: string;
}
