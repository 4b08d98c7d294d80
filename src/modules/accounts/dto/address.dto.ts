import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { NormalizedText } from '../../../common/pipes/field-rules';
import { EMAIL_MAX } from '../../users/dto/user-fields';

/** An address to mail a link to, if an account has it. */
export class AddressDto {
  @ApiProperty({
    format: 'email',
    maxLength: EMAIL_MAX,
    example: 'ada@example.com',
    description: "The account's address (case-insensitive)",
  })
  @NormalizedText({ lowerCase: true })
  @IsString()
  @MaxLength(EMAIL_MAX)
  @IsEmail()
  email: string;
}
