import { SetMetadata } from '@nestjs/common';
import { IS_PUBLIC } from '../../common/metadata/route-access';

export { IS_PUBLIC };

/**
 * Opens a route to callers without a token; every other route needs one. A valid token on a
 * public route still identifies the caller (`@CurrentUser()`), an invalid one is ignored.
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);
