import { Page } from '../http/page';
import type { CursorPosition } from './cursor-codec';

/**
 * Turns `limit + 1` rows fetched in keyset order into a page: the extra row only proves there is
 * more, so `hasMore` is exact and the last page has a null `nextCursor`.
 */
export function toKeysetPage<Row, Item>(
  rows: Row[],
  limit: number,
  positionOf: (row: Row) => CursorPosition,
  encode: (position: CursorPosition) => string,
  toItem: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return new Page(pageRows.map(toItem), {
    nextCursor: hasMore && last !== undefined ? encode(positionOf(last)) : null,
    hasMore,
    limit,
  });
}
