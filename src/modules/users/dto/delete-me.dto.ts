import { IsCurrentPassword } from './user-fields';

/** Deactivating one's own account needs the current password, like any sensitive action. */
export class DeleteMeDto {
  @IsCurrentPassword()
  currentPassword: string;
}
