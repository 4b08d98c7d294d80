import { IfPresent } from '../../../common/pipes/field-rules';
import { IsUserEmail, IsUsername } from './user-fields';

/** Self-service changes: only these two fields; role, isActive, id or timestamps are a 422. */
export class UpdateMeDto {
  @IfPresent()
  @IsUsername({ required: false })
  username?: string;

  @IfPresent()
  @IsUserEmail({ required: false })
  email?: string;
}
