import { createHash } from 'node:crypto';
import type { PostResponse } from './dto/post.response';

/**
 * A strong ETag over the whole representation, so it moves with every write to the post and also
 * when its author is renamed (which changes the body without touching the post's version).
 */
export function etagOf(post: PostResponse): string {
  return `"${createHash('sha256').update(JSON.stringify(post)).digest('base64url').slice(0, 27)}"`;
}

function listOf(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

/** `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored. */
export function matchesIfNoneMatch(header: string, etag: string): boolean {
  return listOf(header).some((tag) => tag === '*' || tag.replace(/^W\//, '') === etag);
}

/** `If-Match` uses the strong comparison (RFC 9110 §13.1.1): a weak tag never matches. */
export function matchesIfMatch(header: string, etag: string): boolean {
  return listOf(header).some((tag) => tag === '*' || tag === etag);
}
