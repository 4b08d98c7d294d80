import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { ROLES } from '../../auth/auth-user';
import type { Role } from '../../auth/auth-user';
import { IfPresent } from '../../../common/pipes/field-rules';

/** What an admin may change on an account: its role and whether it is active. */
export class AdminUpdateUserDto {
  @ApiProperty({ enum: ROLES, required: false, example: 'admin' })
  @IfPresent()
  @IsIn(ROLES)
  role?: Role;

  @ApiProperty({
    required: false,
    example: false,
    description: 'false deactivates the account and revokes its tokens',
  })
  @IfPresent()
  @IsBoolean()
  isActive?: boolean;
}
