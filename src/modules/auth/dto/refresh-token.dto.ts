import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export const REFRESH_TOKEN_MAX = 512;

export class RefreshTokenDto {
  @ApiProperty({
    description: 'The opaque refresh token from sign-in or the last refresh',
    maxLength: REFRESH_TOKEN_MAX,
    example: 'kq3V…',
  })
  @IsString()
  @Length(1, REFRESH_TOKEN_MAX)
  refreshToken: string;
}
