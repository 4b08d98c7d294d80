import { ValidateIf } from 'class-validator';
import { IfPresent } from '../../../common/pipes/field-rules';
import { IsCurrentPassword, IsUserEmail, IsUsername } from './user-fields';

/** Self-service changes: only these fields; role, isActive, id or timestamps are a 422. */
export class UpdateMeDto {
  @IfPresent()
  @IsUsername({ required: false })
  username?: string;

  @IfPresent()
  @IsUserEmail({ required: false })
  email?: string;

  @ValidateIf((dto: UpdateMeDto) => dto.email !== undefined || dto.currentPassword !== undefined)
  @IsCurrentPassword({
    required: false,
    description: "The caller's current password: required with `email`; when given, it must be right",
  })
  currentPassword?: string;
}
