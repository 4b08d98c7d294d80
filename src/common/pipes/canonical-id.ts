/**
 * Ids are UUIDs, canonical in lower case. PostgreSQL reads either case as the same uuid, but
 * everything keyed by the text (cache entries and their invalidation, `caller.id === id`) does not,
 * so an id is lower-cased where it enters (ParseIdPipe, `@IsId()`) and cache keys are built from it.
 */
export function canonicalId(id: string): string {
  return id.toLowerCase();
}
