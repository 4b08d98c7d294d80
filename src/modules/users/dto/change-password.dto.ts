import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { NO_NUL, NO_NUL_MESSAGE } from '../../../common/pipes/field-rules';
import { IsNewPassword, PASSWORD_MAX } from './user-fields';

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX, example: 'my old passphrase' })
  @IsString()
  @Length(1, PASSWORD_MAX)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  currentPassword: string;

  @IsNewPassword()
  newPassword: string;
}
