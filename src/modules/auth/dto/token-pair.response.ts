import { ApiProperty } from '@nestjs/swagger';
import { REFRESH_TOKEN_MAX } from './refresh-token.dto';

export class TokenPairResponse {
  @ApiProperty({
    description: 'Short-lived JWT for `Authorization: Bearer …`',
    maxLength: 2048,
    example: 'eyJhbGciOiJIUzI1NiJ9…',
  })
  accessToken: string;

  @ApiProperty({
    description: 'Opaque; single use: each refresh returns a new one',
    maxLength: REFRESH_TOKEN_MAX,
    example: 'kq3V…',
  })
  refreshToken: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: 2_147_483_647,
    description: 'Seconds until the access token expires',
    example: 900,
  })
  expiresIn: number;
}
