import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { ResourceCache } from '../../common/cache/resource-cache';
import type { CursorCodec } from '../../common/pagination/cursor-codec';
import type { UsersService } from '../users/users.service';
import type { Post } from './post.entity';
import { NotPostAuthorError, PostNotFoundError, PostVersionMismatchError } from './posts.errors';
import { toPostSnapshot } from './posts.mapper';
import type { PostsRepository } from './posts.repository';
import { changesFor, postCacheKey, PostsService } from './posts.service';

const AUTHOR: AuthUser = { id: 'u1', role: 'user' };
const STRANGER: AuthUser = { id: 'u2', role: 'user' };
const ADMIN: AuthUser = { id: 'u3', role: 'admin' };
const ID = '6f1c6d1e-2a3b-4c5d-8e9f-000000000001';

function makePost(overrides: Partial<Post> = {}): Post {
  return Object.assign(
    {
      id: ID,
      title: 'Title',
      content: 'Content',
      status: 'published',
      tags: [],
      slug: 'title-6f1c6d1e2a3b',
      authorId: AUTHOR.id,
      version: 1,
      publishedAt: new Date('2026-01-01T00:00:00.000Z'),
      deletedAt: null,
      createdAt: new Date('2026-01-01T00:00:00.000Z'),
      updatedAt: new Date('2026-01-01T00:00:00.000Z'),
    },
    overrides,
  );
}

describe(PostsService.name, () => {
  let repository: jest.Mocked<
    Pick<PostsRepository, 'insert' | 'findById' | 'updateIfVersion' | 'softDelete'>
  >;
  let users: jest.Mocked<Pick<UsersService, 'findPublicProfile'>>;
  let cache: jest.Mocked<Pick<ResourceCache, 'read' | 'invalidate'>>;
  let service: PostsService;

  beforeEach(() => {
    repository = {
      insert: jest.fn().mockResolvedValue(toPostSnapshot(makePost())),
      findById: jest.fn().mockResolvedValue(makePost()),
      updateIfVersion: jest.fn().mockResolvedValue(true),
      softDelete: jest.fn().mockResolvedValue(true),
    };
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
    const dataSource = {
      transaction: (work: (manager: EntityManager) => unknown) => work({} as EntityManager),
    };
    service = new PostsService(
      repository as unknown as PostsRepository,
      users as unknown as UsersService,
      {} as CursorCodec,
      cache as unknown as ResourceCache,
      dataSource as unknown as DataSource,
    );
  });

  describe('create', () => {
    it('makes the caller the author of a draft with normalised tags and a slug from the title', async () => {
      repository.findById.mockResolvedValue(makePost({ status: 'draft', publishedAt: null }));
      await service.create(AUTHOR, { title: 'Hello World', content: 'x', tags: [' Go', 'go', 'SQL'] });
      const inserted = repository.insert.mock.calls[0][0];
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
      repository.findById.mockResolvedValue(makePost({ status: 'draft', publishedAt: null }));
      const view = await service.getVisible(ID, AUTHOR);
      expect(view.post.status).toBe('draft');
      const load = cache.read.mock.calls[0][1];
      await expect(load()).resolves.toBeNull();
      expect(repository.findById).toHaveBeenCalledTimes(2);
    });

    it.each([
      ['an anonymous reader', undefined],
      ['another user', STRANGER],
      ['an admin', ADMIN],
    ])('hides a draft from %s', async (_who, viewer) => {
      repository.findById.mockResolvedValue(makePost({ status: 'draft', publishedAt: null }));
      await expect(service.getVisible(ID, viewer)).rejects.toBeInstanceOf(PostNotFoundError);
    });

    it('hides the post of a deactivated author', async () => {
      users.findPublicProfile.mockResolvedValue(null);
      await expect(service.getVisible(ID, AUTHOR)).rejects.toBeInstanceOf(PostNotFoundError);
    });
  });

  describe('update', () => {
    it("refuses someone else's published post with a 403 and their draft with a 404", async () => {
      await expect(service.update(ID, STRANGER, { title: 'x' })).rejects.toBeInstanceOf(NotPostAuthorError);
      repository.findById.mockResolvedValue(makePost({ status: 'draft', publishedAt: null }));
      await expect(service.update(ID, STRANGER, { title: 'x' })).rejects.toBeInstanceOf(PostNotFoundError);
      expect(repository.updateIfVersion).not.toHaveBeenCalled();
    });

    it("lets an admin change anyone's post, then invalidates the cache", async () => {
      await service.update(ID, ADMIN, { content: 'moderated' });
      expect(repository.updateIfVersion).toHaveBeenCalledWith(ID, 1, { content: 'moderated' }, {});
      expect(cache.invalidate).toHaveBeenCalledWith(postCacheKey(ID));
    });

    it('answers a stale If-Match with a 412 without writing', async () => {
      await expect(service.update(ID, AUTHOR, { title: 'x' }, '"stale"')).rejects.toBeInstanceOf(
        PostVersionMismatchError,
      );
      expect(repository.updateIfVersion).not.toHaveBeenCalled();
    });

    it('answers 412 when a racing write moved the version between the check and the update', async () => {
      const { etag } = await service.getVisible(ID, AUTHOR);
      repository.updateIfVersion.mockResolvedValue(false);
      await expect(service.update(ID, AUTHOR, { title: 'x' }, etag)).rejects.toBeInstanceOf(
        PostVersionMismatchError,
      );
      expect(repository.updateIfVersion).toHaveBeenCalledTimes(1);
      expect(cache.invalidate).not.toHaveBeenCalled();
    });

    it('retries a lost race when the caller sent no If-Match', async () => {
      repository.updateIfVersion.mockResolvedValueOnce(false).mockResolvedValueOnce(true);
      await service.update(ID, AUTHOR, { title: 'x' });
      expect(repository.updateIfVersion).toHaveBeenCalledTimes(2);
    });

    it('writes nothing when nothing changes', async () => {
      await service.update(ID, AUTHOR, { title: 'Title', tags: [] });
      expect(repository.updateIfVersion).not.toHaveBeenCalled();
      expect(cache.invalidate).not.toHaveBeenCalled();
    });
  });

  describe('remove', () => {
    it('soft-deletes the post of its author and invalidates the cache', async () => {
      await service.remove(ID, AUTHOR);
      expect(repository.softDelete).toHaveBeenCalledWith(ID, undefined);
      expect(cache.invalidate).toHaveBeenCalledWith(postCacheKey(ID));
    });

    it("refuses someone else's published post", async () => {
      await expect(service.remove(ID, STRANGER)).rejects.toBeInstanceOf(NotPostAuthorError);
      expect(repository.softDelete).not.toHaveBeenCalled();
    });
  });
});

describe(changesFor.name, () => {
  it('stamps publishedAt when a draft is published', () => {
    const draft = makePost({ status: 'draft', publishedAt: null });
    expect(changesFor(draft, { status: 'published' })).toEqual({ status: 'published', publishedAt: 'now' });
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
