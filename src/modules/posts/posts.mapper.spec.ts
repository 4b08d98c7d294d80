import type { Post } from './post.entity';
import { toPostResponse, toPostSnapshot } from './posts.mapper';

function makePost(overrides: Partial<Post> = {}): Post {
  return Object.assign(
    {
      id: 'p1',
      title: 'Title',
      content: 'Content',
      status: 'draft',
      tags: ['go'],
      slug: 'title-p1',
      authorId: 'u1',
      version: 3,
      publishedAt: null,
      deletedAt: null,
      searchVector: "'content':2 'titl':1",
      createdAt: new Date('2026-01-01T00:00:00.000Z'),
      updatedAt: new Date('2026-01-02T00:00:00.000Z'),
    },
    overrides,
  );
}

describe(toPostResponse.name, () => {
  it('names exactly the fields of the contract, with ISO timestamps and a null publishedAt for drafts', () => {
    const response = toPostResponse(toPostSnapshot(makePost()), { id: 'u1', username: 'ada' });
    expect(response).toEqual({
      id: 'p1',
      title: 'Title',
      content: 'Content',
      status: 'draft',
      tags: ['go'],
      slug: 'title-p1',
      author: { id: 'u1', username: 'ada' },
      publishedAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('gives the author as exactly id and username, whatever else the profile holds', () => {
    const profile = { id: 'u1', username: 'ada', createdAt: '2025-01-01T00:00:00.000Z' };
    expect(toPostResponse(toPostSnapshot(makePost()), profile).author).toEqual({ id: 'u1', username: 'ada' });
  });

  it('renders publishedAt of a published post', () => {
    const published = makePost({ status: 'published', publishedAt: new Date('2026-01-03T00:00:00.000Z') });
    expect(toPostResponse(toPostSnapshot(published), { id: 'u1', username: 'ada' }).publishedAt).toBe(
      '2026-01-03T00:00:00.000Z',
    );
  });
});

describe(toPostSnapshot.name, () => {
  it('keeps the author by id only and survives a JSON round trip (the cache)', () => {
    const snapshot = toPostSnapshot(makePost());
    expect(snapshot).not.toHaveProperty('author');
    expect(snapshot).not.toHaveProperty('deletedAt');
    expect(snapshot).not.toHaveProperty('searchVector');
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});
