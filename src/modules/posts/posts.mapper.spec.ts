import { toPostResponse } from './posts.mapper';
import type { PostSnapshot } from './posts.repository';

function makeSnapshot(overrides: Partial<PostSnapshot> = {}): PostSnapshot {
  return {
    id: 'p1',
    title: 'Title',
    content: 'Content',
    status: 'draft',
    tags: ['go'],
    slug: 'title-p1',
    authorId: 'u1',
    version: 3,
    publishedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    ...overrides,
  };
}

describe(toPostResponse.name, () => {
  it('names exactly the fields of the contract, with ISO timestamps and a null publishedAt for drafts', () => {
    const response = toPostResponse(makeSnapshot(), { id: 'u1', username: 'ada' });
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
    expect(toPostResponse(makeSnapshot(), profile).author).toEqual({ id: 'u1', username: 'ada' });
  });

  it('leaves out what only the service needs (the version)', () => {
    expect(toPostResponse(makeSnapshot(), { id: 'u1', username: 'ada' })).not.toHaveProperty('version');
  });

  it('renders publishedAt of a published post', () => {
    const published = makeSnapshot({ status: 'published', publishedAt: '2026-01-03T00:00:00.000Z' });
    expect(toPostResponse(published, { id: 'u1', username: 'ada' }).publishedAt).toBe(
      '2026-01-03T00:00:00.000Z',
    );
  });
});
