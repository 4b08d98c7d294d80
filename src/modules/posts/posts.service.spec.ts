import type { AuthUser } from '../auth/auth-user';
import type { ResourceCache } from '../../common/cache/resource-cache';
import type { CursorCodec } from '../../common/pagination/cursor-codec';
import type { Database, Db, Transaction } from '../../database/database';
import type { UsersService } from '../users/users.service';
import { NotPostAuthorError, PostNotFoundError, PostVersionMismatchError } from './posts.errors';
import type { PostSnapshot, PostsRepository } from './posts.repository';
import { changesFor, postCacheKey, PostsService } from './posts.service';

const AUTHOR: AuthUser = { id: 'u1', role: 'user' };
const STRANGER: AuthUser = { id: 'u2', role: 'user' };
const ADMIN: AuthUser = { id: 'u3', role: 'admin' };
const ID = '6f1c6d1e-2a3b-4c5d-8e9f-000000000001';
/** Stand-ins for the pool and a transaction: the tests check which one each call got. */
const POOL = { name: 'pool' } as unknown as Db;
const TX = { name: 'transaction' } as unknown as Transaction;

function makePost(overrides: Partial<PostSnapshot> = {}): PostSnapshot {
  return {
    id: ID,
    title: 'Title',
    content: 'Content',
    status: 'published',
    tags: [],
    slug: 'title-6f1c6d1e2a3b',
    authorId: AUTHOR.id,
    version: 1,
    publishedAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const DRAFT = { status: 'draft', publishedAt: null } as const;

describe(PostsService.name, () => {
  let repository: jest.Mocked<
    Pick<PostsRepository, 'insert' | 'findById' | 'lockWithAuthor' | 'update' | 'softDelete'>
  >;
  let users: jest.Mocked<Pick<UsersService, 'findPublicProfile'>>;
  let cache: jest.Mocked<Pick<ResourceCache, 'read' | 'invalidate'>>;
  let transaction: jest.Mock;
  let service: PostsService;

  /** The post as the write path's locking read returns it. */
  function lockReturns(post: PostSnapshot | null): void {
    repository.lockWithAuthor.mockResolvedValue(post && { post, authorUsername: `user-${post.authorId}` });
  }

  beforeEach(() => {
    repository = {
      insert: jest.fn().mockResolvedValue(makePost()),
      findById: jest.fn().mockResolvedValue(makePost()),
      lockWithAuthor: jest.fn(),
      update: jest.fn((_db: Db, _id: string, changes: object) =>
        Promise.resolve(makePost({ ...changes, version: 2 })),
      ),
      softDelete: jest.fn().mockResolvedValue(true),
    };
    lockReturns(makePost());
    users = {
      findPublicProfile: jest.fn((id: string) =>
        Promise.resolve({ id, username: `user-${id}`, createdAt: '2025-01-01T00:00:00.000Z' }),
      ),
    };
    // A cache that always misses: every read goes to the loader.
    cache = {
      read: jest.fn((_key: string, load: () => Promise<unknown>) => load()) as never,
      invalidate: jest.fn().mockResolvedValue(undefined),
    };
    transaction = jest.fn((work: (tx: Transaction) => unknown) => work(TX));
    const db = { pool: POOL, transaction } as unknown as Database;
    service = new PostsService(
      repository as unknown as PostsRepository,
      users as unknown as UsersService,
      {} as CursorCodec,
      cache as unknown as ResourceCache,
      db,
    );
  });

  describe('create', () => {
    it('makes the caller the author of a draft with normalised tags and a slug from the title', async () => {
      repository.insert.mockResolvedValue(makePost(DRAFT));
      await service.create(AUTHOR, { title: 'Hello World', content: 'x', tags: [' Go', 'go', 'SQL'] });
      const [db, inserted] = repository.insert.mock.calls[0];
      expect(db).toBe(POOL);
      expect(inserted).toMatchObject({ authorId: AUTHOR.id, status: 'draft', tags: ['go', 'sql'] });
      expect(inserted.slug).toBe(`hello-world-${inserted.id.replace(/-/g, '').slice(0, 12)}`);
    });
  });

  describe('getVisible', () => {
    it('reads a published post through the cache, keyed by its id', async () => {
      const view = await service.getVisible(ID, undefined);
      expect(cache.read).toHaveBeenCalledWith(postCacheKey(ID), expect.any(Function));
      expect(view.post.author).toEqual({ id: AUTHOR.id, username: `user-${AUTHOR.id}` });
      expect(view.etag).toMatch(/^".+"$/);
    });

    it('never caches a draft, and shows it to its author', async () => {
      repository.findById.mockResolvedValue(makePost(DRAFT));
      const view = await service.getVisible(ID, AUTHOR);
      expect(view.post.status).toBe('draft');
      const load = cache.read.mock.calls[0][1];
      await expect(load()).resolves.toBeNull();
    });

    it.each([
      ['an anonymous reader', undefined],
      ['another user', STRANGER],
      ['an admin', ADMIN],
    ])('hides a draft from %s', async (_who, viewer) => {
      repository.findById.mockResolvedValue(makePost(DRAFT));
      await expect(service.getVisible(ID, viewer)).rejects.toBeInstanceOf(PostNotFoundError);
    });

    it('hides the post of a deactivated author', async () => {
      users.findPublicProfile.mockResolvedValue(null);
      await expect(service.getVisible(ID, AUTHOR)).rejects.toBeInstanceOf(PostNotFoundError);
    });

    it('gives equal posts read as different objects (a Redis round trip) the same ETag', async () => {
      repository.findById.mockResolvedValueOnce(makePost()).mockResolvedValueOnce(makePost());
      const first = await service.getVisible(ID, undefined);
      const second = await service.getVisible(ID, undefined);
      expect(second.etag).toBe(first.etag);
    });

    it('gives a post whose content changed a new ETag, even if the version did not move', async () => {
      const first = await service.getVisible(ID, undefined);
      repository.findById.mockResolvedValue(makePost({ updatedAt: '2026-01-02T00:00:00.000Z' }));
      expect((await service.getVisible(ID, undefined)).etag).not.toBe(first.etag);
    });
  });

  describe('update', () => {
    it("refuses someone else's published post with a 403 and their draft with a 404", async () => {
      await expect(service.update(ID, STRANGER, { title: 'x' })).rejects.toBeInstanceOf(NotPostAuthorError);
      lockReturns(makePost(DRAFT));
      await expect(service.update(ID, STRANGER, { title: 'x' })).rejects.toBeInstanceOf(PostNotFoundError);
      expect(repository.update).not.toHaveBeenCalled();
    });

    it('is a 404 when the locking read finds nothing (deleted, or the author deactivated)', async () => {
      lockReturns(null);
      await expect(service.update(ID, AUTHOR, { title: 'x' })).rejects.toBeInstanceOf(PostNotFoundError);
    });

    it('checks and writes in one transaction, under the row lock', async () => {
      await service.update(ID, AUTHOR, { content: 'new' });
      expect(transaction).toHaveBeenCalledTimes(1);
      expect(repository.lockWithAuthor).toHaveBeenCalledWith(TX, ID);
      expect(repository.update).toHaveBeenCalledWith(TX, ID, { content: 'new' });
    });

    it("lets an admin change anyone's post, then invalidates the cache", async () => {
      const view = await service.update(ID, ADMIN, { content: 'moderated' });
      expect(view.post.content).toBe('moderated');
      expect(cache.invalidate).toHaveBeenCalledWith(postCacheKey(ID));
    });

    it('answers a stale If-Match with a 412 without writing', async () => {
      await expect(service.update(ID, AUTHOR, { title: 'x' }, '"stale"')).rejects.toBeInstanceOf(
        PostVersionMismatchError,
      );
      expect(repository.update).not.toHaveBeenCalled();
    });

    it('applies a change whose If-Match is the current ETag', async () => {
      const { etag } = await service.getVisible(ID, AUTHOR);
      await service.update(ID, AUTHOR, { title: 'x' }, etag);
      expect(repository.update).toHaveBeenCalledTimes(1);
    });

    it('writes nothing when nothing changes', async () => {
      await service.update(ID, AUTHOR, { title: 'Title', tags: [] });
      expect(repository.update).not.toHaveBeenCalled();
      expect(cache.invalidate).not.toHaveBeenCalled();
    });
  });

  describe('remove', () => {
    it('soft-deletes the post of its author in the locking transaction and invalidates the cache', async () => {
      await service.remove(ID, AUTHOR);
      expect(repository.lockWithAuthor).toHaveBeenCalledWith(TX, ID);
      expect(repository.softDelete).toHaveBeenCalledWith(TX, ID);
      expect(cache.invalidate).toHaveBeenCalledWith(postCacheKey(ID));
    });

    it("refuses someone else's published post", async () => {
      await expect(service.remove(ID, STRANGER)).rejects.toBeInstanceOf(NotPostAuthorError);
      expect(repository.softDelete).not.toHaveBeenCalled();
    });

    it('answers a stale If-Match with a 412 without deleting', async () => {
      await expect(service.remove(ID, AUTHOR, '"stale"')).rejects.toBeInstanceOf(PostVersionMismatchError);
      expect(repository.softDelete).not.toHaveBeenCalled();
      expect(cache.invalidate).not.toHaveBeenCalled();
    });
  });
});

describe(changesFor.name, () => {
  it('stamps publishedAt when a draft is published', () => {
    expect(changesFor(makePost(DRAFT), { status: 'published' })).toEqual({
      status: 'published',
      publishedAt: 'now',
    });
  });

  it('clears publishedAt when a post goes back to draft', () => {
    expect(changesFor(makePost(), { status: 'draft' })).toEqual({ status: 'draft', publishedAt: null });
  });

  it('renames the slug with the title and keeps its id suffix', () => {
    expect(changesFor(makePost(), { title: 'New Title' })).toEqual({
      title: 'New Title',
      slug: 'new-title-6f1c6d1e2a3b',
    });
  });

  it('normalises tags before comparing them', () => {
    expect(changesFor(makePost({ tags: ['go'] }), { tags: [' GO '] })).toEqual({});
    expect(changesFor(makePost({ tags: ['go'] }), { tags: ['Rust'] })).toEqual({ tags: ['rust'] });
  });
});

describe(postCacheKey.name, () => {
  it('is the same key for every spelling of an id', () => {
    expect(postCacheKey('6F1C6D1E-2A3B-4C5D-8E9F-00000000000A')).toBe(
      postCacheKey('6f1c6d1e-2a3b-4c5d-8e9f-00000000000a'),
    );
  });
});
