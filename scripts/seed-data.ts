import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../src/app.module';
import type { AuthUser } from '../src/modules/auth/auth-user';
import type { AppConfigValues } from '../src/config/app-config';
import { PostsService } from '../src/modules/posts/posts.service';
import type { PostInput } from '../src/modules/posts/posts.service';
import { EmailTakenError, UsernameTakenError } from '../src/modules/users/users.errors';
import { UserAccountsService } from '../src/modules/users/user-accounts.service';
import { UsersService } from '../src/modules/users/users.service';
import { Database } from '../src/database/database';

/**
 * The demo data of `npm run seed`, written through the app's services so every rule applies
 * (argon2id hashes, lower-cased emails, normalised tags, slugs). Running it again adds nothing:
 * accounts are matched by email, posts by author and title. The demo accounts are `demo-…`, apart
 * from any a person would register by hand (the README's own walk-through registers ada@example.com).
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
  email: 'demo-admin@example.com',
  username: 'demo-admin',
  password: 'strata admin passphrase',
  role: 'admin',
};
export const DEMO_USERS: DemoAccount[] = [
  { email: 'demo-ada@example.com', username: 'demo-ada', password: DEMO_PASSWORD, role: 'user' },
  { email: 'demo-grace@example.com', username: 'demo-grace', password: DEMO_PASSWORD, role: 'user' },
  { email: 'demo-linus@example.com', username: 'demo-linus', password: DEMO_PASSWORD, role: 'user' },
];

/** Posts by author username; the `draft` ones stay unpublished. */
export const DEMO_POSTS: Array<PostInput & { author: string }> = [
  {
    author: 'demo-ada',
    title: 'Keyset pagination in PostgreSQL',
    content:
      'Offsets get slower with every page; a keyset does not. Sort by (created_at, id) and remember the last row.',
    tags: ['postgres', 'performance'],
    status: 'published',
  },
  {
    author: 'demo-ada',
    title: 'Notes on the analytical engine',
    content: 'The engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves.',
    tags: ['history', 'computing'],
    status: 'published',
  },
  {
    author: 'demo-ada',
    title: 'Draft: loops and conditionals',
    content: 'Half-written thoughts on repeating a set of operations until a condition holds.',
    tags: ['computing'],
    status: 'draft',
  },
  {
    author: 'demo-grace',
    title: 'Why we write compilers',
    content: 'People should write programs in something close to English; machines can do the translating.',
    tags: ['compilers', 'history'],
    status: 'published',
  },
  {
    author: 'demo-grace',
    title: 'The first actual bug',
    content: 'A moth, taped into the logbook of the Mark II on 9 September 1947.',
    tags: ['debugging', 'history'],
    status: 'published',
  },
  {
    author: 'demo-grace',
    title: 'Draft: nanoseconds explained',
    content: 'A piece of wire 11.8 inches long: the distance light travels in a billionth of a second.',
    tags: ['physics'],
    status: 'draft',
  },
  {
    author: 'demo-linus',
    title: 'Release early, release often',
    content: 'Small patches, reviewed in the open, merged when they are ready and not before.',
    tags: ['open-source', 'process'],
    status: 'published',
  },
  {
    author: 'demo-linus',
    title: 'Full-text search with tsvector',
    content: 'A generated tsvector column and a GIN index make searching titles and content fast.',
    tags: ['postgres', 'search'],
    status: 'published',
  },
  {
    author: 'demo-linus',
    title: 'Draft: on code review',
    content: 'Talk is cheap. Show me the code, and then show me the tests.',
    tags: [],
    status: 'draft',
  },
];

/**
 * What became of a demo account: `created` now, or `existing` and the demo password still signs
 * it in — both with a working `password`. Otherwise `password` is null and `problem` says why: the
 * email is registered with another password (or deactivated), or another account holds the username.
 */
export interface SeededAccount {
  email: string;
  username: string;
  role: 'admin' | 'user';
  outcome: 'created' | 'existing' | 'unusable';
  password: string | null;
  problem?: string;
}

export interface SeedSummary {
  accounts: SeededAccount[];
  usersCreated: number;
  postsCreated: number;
}

/** Boots the application context (connected, migrated, no HTTP server), runs `work`, closes it. */
export async function withAppContext<T>(
  config: AppConfigValues,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  // A script may enqueue jobs (they commit with its writes) but runs none: the app's workers do.
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...config, jobsWorker: false }),
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  // The app's structured logger, as configureApp sets it (LOG_LEVEL decides what shows).
  app.useLogger(app.get(Logger));
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

export async function seedDemoData(
  app: INestApplicationContext,
  accounts: DemoAccount[] = [DEMO_ADMIN, ...DEMO_USERS],
  demoPosts: Array<PostInput & { author: string }> = DEMO_POSTS,
): Promise<SeedSummary> {
  const users = app.get(UsersService);
  const posts = app.get(PostsService);
  const seeded: SeededAccount[] = [];
  const callers = new Map<string, AuthUser>();
  for (const account of accounts) {
    const { summary, caller } = await ensureAccount(users, account, (id, email) =>
      app.get(Database).transaction((tx) => app.get(UserAccountsService).markEmailVerified(tx, id, email)),
    );
    seeded.push(summary);
    if (caller) {
      callers.set(account.username, caller);
    }
  }

  let postsCreated = 0;
  for (const [username, caller] of callers) {
    const existing = await titlesBy(posts, caller);
    for (const { author, ...post } of demoPosts) {
      if (author === username && !existing.has(post.title)) {
        await posts.create(caller, post);
        postsCreated += 1;
      }
    }
  }
  const usersCreated = seeded.filter((account) => account.outcome === 'created').length;
  return { accounts: seeded, usersCreated, postsCreated };
}

/**
 * Registers the account (and makes the demo admin an admin), its demo address verified so it signs
 * in at once, unless its email or username is taken. An existing account counts only if the demo password signs it in: one changed since, or
 * someone else's, is left alone, gets no demo posts, and no password is printed for it.
 */
async function ensureAccount(
  users: UsersService,
  account: DemoAccount,
  markVerified: (id: string, email: string) => Promise<unknown>,
): Promise<{ summary: SeededAccount; caller: AuthUser | null }> {
  let created = false;
  let problem: string | undefined;
  try {
    const user = await users.register(account);
    created = true;
    await markVerified(user.id, user.email);
    if (account.role === 'admin') {
      await users.updateAccess(user.id, { role: 'admin' });
    }
  } catch (error) {
    if (error instanceof EmailTakenError) {
      problem = 'this email is registered already, with another password or deactivated';
    } else if (error instanceof UsernameTakenError) {
      problem = 'another account holds this username';
    } else {
      throw error;
    }
  }
  const state = await users.verifyCredentials({ email: account.email }, account.password);
  const base = { email: account.email, username: account.username };
  if (!state) {
    const summary: SeededAccount = {
      ...base,
      role: account.role,
      outcome: 'unusable',
      password: null,
      problem,
    };
    return { summary, caller: null };
  }
  const outcome = created ? 'created' : 'existing';
  // An existing account may have been renamed since: print the username that signs in.
  const { username } = created ? account : await users.getById(state.id);
  const summary: SeededAccount = { ...base, username, role: state.role, outcome, password: account.password };
  return { summary, caller: { id: state.id, role: state.role } };
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
