export interface PageMeta {
  nextCursor: string | null;
  hasMore: boolean;
  limit: number;
}

/** What a list handler returns; the envelope puts `items` in `data` and `meta` beside it. */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly meta: PageMeta,
  ) {}
}
