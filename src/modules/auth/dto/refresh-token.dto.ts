import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RefreshTokenDto {
  @ApiProperty({ description: 'The opaque refresh token from sign-in or the last refresh', example: 'kq3V…' })
  @IsString()
  @Length(1, 512)
  refreshToken: string;
}
