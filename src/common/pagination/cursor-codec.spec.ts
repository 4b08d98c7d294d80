import { createHmac } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import { deriveKey, KeyPurpose } from '../crypto/derived-keys';
import { CursorCodec } from './cursor-codec';
import { toKeysetPage } from './keyset-page';

const makeCodec = (secret = 'a-secret-that-is-long-enough-for-tests-0001') =>
  new CursorCodec({ jwtSecret: secret } as AppConfig);

describe(CursorCodec.name, () => {
  const position = { sortValue: '2026-01-01T00:00:00.000Z', id: '6f1c6d1e-0000-4000-8000-000000000001' };

  it('round-trips a position', () => {
    const codec = makeCodec();
    expect(codec.decode('posts', codec.encode('posts', position))).toEqual(position);
  });

  it('refuses a cursor of another list', () => {
    const codec = makeCodec();
    expect(() => codec.decode('users', codec.encode('posts', position))).toThrow('Validation failed');
  });

  it('refuses a cursor signed with another secret', () => {
    const forged = makeCodec('another-secret-that-is-long-enough-for-tests').encode('posts', position);
    expect(() => makeCodec().decode('posts', forged)).toThrow('Validation failed');
  });

  it.each(['', 'garbage', 'a.b', 'a.b.c', '....'])('refuses %p', (cursor) => {
    expect(() => makeCodec().decode('posts', cursor)).toThrow('Validation failed');
  });

  it('signs with the key HKDF derives for cursors, not the one for access tokens', () => {
    const [payload, signature] = makeCodec().encode('posts', position).split('.');
    const sign = (purpose: KeyPurpose) =>
      createHmac('sha256', deriveKey('a-secret-that-is-long-enough-for-tests-0001', purpose))
        .update(payload)
        .digest('base64url');
    expect(signature).toBe(sign(KeyPurpose.Cursors));
    expect(signature).not.toBe(sign(KeyPurpose.AccessTokens));
  });

  it('refuses a cursor whose payload was altered', () => {
    const codec = makeCodec();
    const [, signature] = codec.encode('posts', position).split('.');
    const altered = Buffer.from(JSON.stringify(['posts', position.sortValue, 'other'])).toString('base64url');
    expect(() => codec.decode('posts', `${altered}.${signature}`)).toThrow('Validation failed');
  });
});

describe(toKeysetPage.name, () => {
  const rows = [1, 2, 3].map((n) => ({ n, id: `id-${n}` }));
  const page = (fetched: typeof rows, limit: number) =>
    toKeysetPage(
      fetched,
      limit,
      (row) => ({ sortValue: String(row.n), id: row.id }),
      (position) => `${position.sortValue}|${position.id}`,
      (row) => row.n,
    );

  it('uses the extra row only to say there is more', () => {
    expect(page(rows, 2)).toMatchObject({
      items: [1, 2],
      meta: { hasMore: true, nextCursor: '2|id-2', limit: 2 },
    });
  });

  it('ends with hasMore false and a null cursor', () => {
    expect(page(rows, 3)).toMatchObject({ items: [1, 2, 3], meta: { hasMore: false, nextCursor: null } });
  });
});
