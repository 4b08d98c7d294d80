import { Page } from '../http/page';
import { toEnvelope } from './envelope.interceptor';

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
