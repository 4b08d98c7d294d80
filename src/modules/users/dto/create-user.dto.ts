import { IsNewPassword, IsUserEmail, IsUsername } from './user-fields';

export class CreateUserDto {
  @IsUserEmail()
  email: string;

  @IsUsername()
  username: string;

  @IsNewPassword()
  password: string;
}
