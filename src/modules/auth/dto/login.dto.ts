import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { NO_NUL, NO_NUL_MESSAGE, NormalizedText } from '../../../common/pipes/field-rules';
import { EMAIL_MAX, PASSWORD_MAX, USERNAME_MAX } from '../../users/dto/user-fields';

/** Sign in with `email` (case-insensitive) or `username`, not both. */
export class LoginDto {
  @ApiProperty({
    required: false,
    format: 'email',
    maxLength: EMAIL_MAX,
    example: 'ada@example.com',
    description: 'Or `username`',
  })
  @ValidateIf((dto: LoginDto) => dto.email !== undefined || dto.username === undefined)
  @NormalizedText({ lowerCase: true })
  @IsString()
  @MaxLength(EMAIL_MAX)
  @IsEmail()
  email?: string;

  @ApiProperty({
    required: false,
    maxLength: USERNAME_MAX,
    example: 'ada.lovelace',
    description: 'Or `email`',
  })
  @ValidateIf((dto: LoginDto) => dto.username !== undefined)
  @NormalizedText()
  @IsString()
  @Length(1, USERNAME_MAX)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  username?: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX, example: 'correct horse battery staple' })
  @IsString()
  @Length(1, PASSWORD_MAX)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  password: string;
}
