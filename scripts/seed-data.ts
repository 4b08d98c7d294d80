import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../src/app.module';
import type { AuthUser } from '../src/common/auth/auth-user';
import type { AppConfigValues } from '../src/config/app-config';
import { PostsService } from '../src/modules/posts/posts.service';
import type { PostInput } from '../src/modules/posts/posts.service';
import { EmailTakenError } from '../src/modules/users/users.errors';
import { UsersService } from '../src/modules/users/users.service';

/**
 * The demo data of `npm run seed`, written through the app's services so every rule applies
 * (argon2id hashes, lower-cased emails, normalised tags, slugs). Running it again adds nothing:
 * accounts are matched by email, posts by author and title.
 */

export interface DemoAccount {
  email: string;
  username: string;
  password: string;
  role: 'admin' | 'user';
}

/** Demo credentials: printed by `npm run seed`, never for a production database. */
export const DEMO_PASSWORD = 'strata demo passphrase';
export const DEMO_ADMIN: DemoAccount = {
  email: 'admin@example.com',
  username: 'admin',
  password: 'strata admin passphrase',
  role: 'admin',
};
export const DEMO_USERS: DemoAccount[] = [
  { email: 'ada@example.com', username: 'ada', password: DEMO_PASSWORD, role: 'user' },
  { email: 'grace@example.com', username: 'grace', password: DEMO_PASSWORD, role: 'user' },
  { email: 'linus@example.com', username: 'linus', password: DEMO_PASSWORD, role: 'user' },
];

/** Posts by author username; the `draft` ones stay unpublished. */
export const DEMO_POSTS: Array<PostInput & { author: string }> = [
  {
    author: 'ada',
    title: 'Keyset pagination in PostgreSQL',
    content:
      'Offsets get slower with every page; a keyset does not. Sort by (created_at, id) and remember the last row.',
    tags: ['postgres', 'performance'],
    status: 'published',
  },
  {
    author: 'ada',
    title: 'Notes on the analytical engine',
    content: 'The engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves.',
    tags: ['history', 'computing'],
    status: 'published',
  },
  {
    author: 'ada',
    title: 'Draft: loops and conditionals',
    content: 'Half-written thoughts on repeating a set of operations until a condition holds.',
    tags: ['computing'],
    status: 'draft',
  },
  {
    author: 'grace',
    title: 'Why we write compilers',
    content: 'People should write programs in something close to English; machines can do the translating.',
    tags: ['compilers', 'history'],
    status: 'published',
  },
  {
    author: 'grace',
    title: 'The first actual bug',
    content: 'A moth, taped into the logbook of the Mark II on 9 September 1947.',
    tags: ['debugging', 'history'],
    status: 'published',
  },
  {
    author: 'grace',
    title: 'Draft: nanoseconds explained',
    content: 'A piece of wire 11.8 inches long: the distance light travels in a billionth of a second.',
    tags: ['physics'],
    status: 'draft',
  },
  {
    author: 'linus',
    title: 'Release early, release often',
    content: 'Small patches, reviewed in the open, merged when they are ready and not before.',
    tags: ['open-source', 'process'],
    status: 'published',
  },
  {
    author: 'linus',
    title: 'Full-text search with tsvector',
    content: 'A generated tsvector column and a GIN index make searching titles and content fast.',
    tags: ['postgres', 'search'],
    status: 'published',
  },
  {
    author: 'linus',
    title: 'Draft: on code review',
    content: 'Talk is cheap. Show me the code, and then show me the tests.',
    tags: [],
    status: 'draft',
  },
];

export interface SeedSummary {
  accounts: DemoAccount[];
  usersCreated: number;
  postsCreated: number;
}

/** Boots the application context (connected, migrated, no HTTP server), runs `work`, closes it. */
export async function withAppContext<T>(
  config: AppConfigValues,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  // The app's structured logger, as configureApp sets it (LOG_LEVEL decides what shows).
  app.useLogger(app.get(Logger));
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

export async function seedDemoData(app: INestApplicationContext): Promise<SeedSummary> {
  const users = app.get(UsersService);
  const posts = app.get(PostsService);
  let usersCreated = 0;
  let postsCreated = 0;

  const callers = new Map<string, AuthUser>();
  const admin = await ensureAdmin(users, DEMO_ADMIN);
  usersCreated += admin.created ? 1 : 0;
  for (const account of DEMO_USERS) {
    const user = await ensureUser(users, account);
    usersCreated += user.created ? 1 : 0;
    if (user.caller) {
      callers.set(account.username, user.caller);
    }
  }

  for (const [username, caller] of callers) {
    const existing = await titlesBy(posts, caller);
    for (const { author, ...post } of DEMO_POSTS) {
      if (author === username && !existing.has(post.title)) {
        await posts.create(caller, post);
        postsCreated += 1;
      }
    }
  }
  return { accounts: [DEMO_ADMIN, ...DEMO_USERS], usersCreated, postsCreated };
}

type Ensured = { created: boolean; caller: AuthUser | null };

async function ensureAdmin(users: UsersService, account: DemoAccount): Promise<Ensured> {
  const before = await users.verifyCredentials({ email: account.email }, account.password);
  if (before) {
    return { created: false, caller: { id: before.id, role: before.role } };
  }
  await users.ensureAdmin(account.email, account.password);
  const after = await users.verifyCredentials({ email: account.email }, account.password);
  return { created: after !== null, caller: after && { id: after.id, role: after.role } };
}

/**
 * Registers the account unless its email exists. An existing account whose demo password was
 * changed since is left alone, and gets no demo posts (we cannot act as it).
 */
async function ensureUser(users: UsersService, account: DemoAccount): Promise<Ensured> {
  let created = false;
  try {
    await users.register(account);
    created = true;
  } catch (error) {
    if (!(error instanceof EmailTakenError)) {
      throw error;
    }
  }
  const state = await users.verifyCredentials({ email: account.email }, account.password);
  return { created, caller: state && { id: state.id, role: state.role } };
}

/** Every title the user wrote, drafts included (its own list shows them). */
async function titlesBy(posts: PostsService, caller: AuthUser): Promise<Set<string>> {
  const titles = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await posts.listByAuthor(caller.id, caller, 100, cursor);
    page.items.forEach((post) => titles.add(post.title));
    cursor = page.meta.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return titles;
}
