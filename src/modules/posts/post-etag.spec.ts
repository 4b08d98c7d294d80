import type { PostResponse } from './dto/post.response';
import { etagOf, matchesIfMatch, matchesIfNoneMatch } from './post-etag';

const post: PostResponse = {
  id: 'p1',
  title: 'Title',
  content: 'Content',
  status: 'published',
  tags: [],
  slug: 'title-p1',
  author: { id: 'u1', username: 'ada' },
  publishedAt: '2026-01-01T00:00:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe(etagOf.name, () => {
  it('is a strong, quoted tag that is the same for the same representation', () => {
    expect(etagOf(post)).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(etagOf({ ...post })).toBe(etagOf(post));
  });

  it('changes with the post and with its author’s name', () => {
    expect(etagOf({ ...post, updatedAt: '2026-01-02T00:00:00.000Z' })).not.toBe(etagOf(post));
    expect(etagOf({ ...post, author: { id: 'u1', username: 'ada2' } })).not.toBe(etagOf(post));
  });
});

describe('conditional headers', () => {
  const etag = etagOf(post);

  it('If-None-Match matches weakly, in a list, or with *', () => {
    expect(matchesIfNoneMatch(etag, etag)).toBe(true);
    expect(matchesIfNoneMatch(`W/${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", ${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch('*', etag)).toBe(true);
    expect(matchesIfNoneMatch('"other"', etag)).toBe(false);
  });

  it('If-Match matches strongly only', () => {
    expect(matchesIfMatch(etag, etag)).toBe(true);
    expect(matchesIfMatch(`"other",${etag}`, etag)).toBe(true);
    expect(matchesIfMatch('*', etag)).toBe(true);
    expect(matchesIfMatch(`W/${etag}`, etag)).toBe(false);
    expect(matchesIfMatch('"other"', etag)).toBe(false);
  });
});
