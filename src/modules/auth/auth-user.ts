/** The roles a user can hold; `admin` can list and manage every account. */
export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: set on `req.user` by the global auth guard once the token checks out. */
export interface AuthUser {
  id: string;
  role: Role;
}
