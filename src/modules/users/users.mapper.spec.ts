import type { User } from './user.entity';
import { toPublicProfile, toUserResponse } from './users.mapper';

function makeUser(overrides: Partial<User> = {}): User {
  const defaults = {
    id: '6f1c1d52-0000-4000-8000-000000000001',
    email: 'ada@example.com',
    username: 'ada',
    passwordHash: '$argon2id$v=19$secret',
    role: 'user',
    isActive: true,
    tokenVersion: 3,
    emailVerifiedAt: null,
    pendingEmail: null,
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    updatedAt: new Date('2026-01-02T00:00:00.000Z'),
  };
  return { ...defaults, ...overrides } as User;
}

describe('users mapper', () => {
  it('builds the full profile from named fields only, never the hash or the token version', () => {
    expect(toUserResponse(makeUser())).toEqual({
      id: '6f1c1d52-0000-4000-8000-000000000001',
      email: 'ada@example.com',
      username: 'ada',
      role: 'user',
      isActive: true,
      emailVerifiedAt: null,
      pendingEmail: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('shows when the address was verified and the address an email change waits on', () => {
    const user = makeUser({
      emailVerifiedAt: new Date('2026-01-03T10:00:00.000Z'),
      pendingEmail: 'ada@new.example',
    });
    expect(toUserResponse(user)).toMatchObject({
      emailVerifiedAt: '2026-01-03T10:00:00.000Z',
      pendingEmail: 'ada@new.example',
    });
  });

  it('builds a public profile of exactly id, username and createdAt', () => {
    expect(toPublicProfile(makeUser())).toEqual({
      id: '6f1c1d52-0000-4000-8000-000000000001',
      username: 'ada',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });
});
