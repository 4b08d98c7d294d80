export const TITLE_MAX = 200;
export const CONTENT_MAX = 50_000;
export const TAGS_MAX = 10;
export const TAG_MAX = 30;
const SLUG_BASE_MAX = 80;
const SLUG_SUFFIX_LENGTH = 12;
/** The base, a dash and the suffix. */
export const SLUG_MAX = SLUG_BASE_MAX + 1 + SLUG_SUFFIX_LENGTH;

/** Trimmed, lower-cased, duplicates dropped (first occurrence kept, so the order is the caller's). */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeTag))];
}

/** NFC after lower-casing, which can leave a decomposed sequence ('İ' → 'i' + combining dot). */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().normalize('NFC');
}

/**
 * A URL-safe rendering of the title (ASCII letters and digits, accents folded, `-` between words)
 * followed by the first 12 hex digits of the post id, so two posts with one title still differ
 * and the slug never needs a uniqueness lookup. A title with nothing ASCII left gives `post-…`.
 */
export function slugify(title: string, id: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_BASE_MAX)
    .replace(/^-+|-+$/g, '');
  const suffix = id.replace(/-/g, '').slice(0, SLUG_SUFFIX_LENGTH);
  return `${base || 'post'}-${suffix}`;
}
