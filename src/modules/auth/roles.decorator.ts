import { SetMetadata } from '@nestjs/common';
import { ROLES_KEY } from '../../common/metadata/route-access';
import type { Role } from './auth-user';

export { ROLES_KEY };

/** Only callers holding one of these roles get through (403 FORBIDDEN otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
