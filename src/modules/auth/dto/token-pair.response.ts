import { ApiProperty } from '@nestjs/swagger';

export class TokenPairResponse {
  @ApiProperty({
    description: 'Short-lived JWT for `Authorization: Bearer …`',
    example: 'eyJhbGciOiJIUzI1NiJ9…',
  })
  accessToken: string;

  @ApiProperty({ description: 'Opaque; single use: each refresh returns a new one', example: 'kq3V…' })
  refreshToken: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;
}
