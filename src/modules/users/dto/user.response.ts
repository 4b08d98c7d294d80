import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../auth/auth-user';
import type { Role } from '../../auth/auth-user';
import { EMAIL_MAX, USERNAME_MAX } from './user-fields';

/** What anyone may see of a user. */
export class PublicProfileResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ada.lovelace', maxLength: USERNAME_MAX })
  username: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** The full profile: for the user itself and for admins. */
export class UserResponse extends PublicProfileResponse {
  @ApiProperty({ format: 'email', example: 'ada@example.com', maxLength: EMAIL_MAX })
  email: string;

  @ApiProperty({ enum: ROLES, example: 'user' })
  role: Role;

  @ApiProperty()
  isActive: boolean;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'When `email` was verified through the mailed link; null until then',
  })
  emailVerifiedAt: string | null;

  @ApiProperty({
    type: 'string',
    format: 'email',
    nullable: true,
    maxLength: EMAIL_MAX,
    example: null,
    description:
      'An address the user asked to move to: it replaces `email` once the link mailed to it is followed; null when none',
  })
  pendingEmail: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
