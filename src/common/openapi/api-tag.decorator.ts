import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiTags } from '@nestjs/swagger';

/** Carries a tag's description from a controller to the document's `tags` list (see harden-document.ts). */
export const TAG_DESCRIPTIONS_EXTENSION = 'x-tag-descriptions';

/**
 * Tags the controller's operations and describes the tag, for Swagger UI's group heading. Tags are
 * lower-case kebab-case nouns, the module's route name (`users`, `posts`, `order-items`).
 */
export function ApiTag(name: string, description: string) {
  return applyDecorators(ApiTags(name), ApiExtension(TAG_DESCRIPTIONS_EXTENSION, { [name]: description }));
}

/**
 * The order of the document's `tags` (Swagger UI's groups): these first, in this order, then every
 * other tag alphabetically, then the probes, which live outside the API.
 */
export const LEADING_TAGS: readonly string[] = ['auth', 'users', 'posts'];
export const TRAILING_TAGS: readonly string[] = ['health'];

export function compareTags(a: string, b: string): number {
  const rank = (name: string): number =>
    LEADING_TAGS.includes(name)
      ? LEADING_TAGS.indexOf(name)
      : TRAILING_TAGS.includes(name)
        ? LEADING_TAGS.length + 1 + TRAILING_TAGS.indexOf(name)
        : LEADING_TAGS.length;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
