import { IsCurrentPassword, IsNewPassword } from './user-fields';

export class ChangePasswordDto {
  @IsCurrentPassword()
  currentPassword: string;

  @IsNewPassword()
  newPassword: string;
}
