import type { PublicProfileResponse, UserResponse } from './dto/user.response';
import type { User } from './user.entity';

/** The full profile; names each field, so a new column never leaks by accident. */
export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    role: user.role,
    isActive: user.isActive,
    emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
    pendingEmail: user.pendingEmail,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** Exactly `id`, `username`, `createdAt`. */
export function toPublicProfile(user: User): PublicProfileResponse {
  return {
    id: user.id,
    username: user.username,
    createdAt: user.createdAt.toISOString(),
  };
}
