/**
 * The metadata keys of who may call a route. The auth module's `@Public()` and `@Roles()` set them and
 * its guard enforces them; the OpenAPI document reads them too (a 401 on every route that is not
 * public, a 403 where roles are required), so they live here, where both may import them.
 */
export const IS_PUBLIC = 'strata:public';
export const ROLES_KEY = 'strata:roles';
