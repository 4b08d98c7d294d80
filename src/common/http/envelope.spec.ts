import { Page } from './page';
import { isApiRequest, toEnvelope } from './envelope';

describe(toEnvelope.name, () => {
  it('wraps a body with its status text', () => {
    expect(toEnvelope(201, { id: 'x' })).toEqual({
      success: true,
      statusCode: 201,
      message: 'Created',
      data: { id: 'x' },
    });
  });

  it('spreads a page into data and meta', () => {
    const page = new Page([1, 2], { nextCursor: 'c', hasMore: true, limit: 2 });
    expect(toEnvelope(200, page)).toEqual({
      success: true,
      statusCode: 200,
      message: 'OK',
      data: [1, 2],
      meta: { nextCursor: 'c', hasMore: true, limit: 2 },
    });
  });

  it('gives no body to 204 and 304', () => {
    expect(toEnvelope(204, undefined)).toBeUndefined();
    expect(toEnvelope(304, { stale: true })).toBeUndefined();
  });

  it('sends null data rather than leaving it out', () => {
    expect(toEnvelope(200, undefined)).toMatchObject({ data: null });
  });
});

describe(isApiRequest.name, () => {
  it('takes the original URL, which the router leaves whole', () => {
    expect(isApiRequest({ originalUrl: '/api/v1/posts', url: '/posts' })).toBe(true);
    expect(isApiRequest({ originalUrl: '/health/ready', url: '/health/ready' })).toBe(false);
  });

  it('does not take /api as a prefix of other words', () => {
    expect(isApiRequest({ url: '/apis' })).toBe(false);
    expect(isApiRequest(undefined)).toBe(false);
  });
});
