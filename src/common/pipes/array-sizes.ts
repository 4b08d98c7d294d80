import { ARRAY_MAX_SIZE, getMetadataStorage } from 'class-validator';
import type { ErrorDetail } from '../errors/app-error';

const limitsByClass = new WeakMap<object, Array<[string, number]>>();

/** The `@ArrayMaxSize` limits a DTO class declares, by property (read once per class). */
function arrayLimitsOf(metatype: new (...args: never[]) => unknown): Array<[string, number]> {
  let limits = limitsByClass.get(metatype);
  if (!limits) {
    limits = getMetadataStorage()
      .getTargetValidationMetadatas(metatype, '', true, false)
      .filter((metadata) => metadata.name === ARRAY_MAX_SIZE)
      .map((metadata) => [metadata.propertyName, Number((metadata.constraints as unknown[])[0])]);
    limitsByClass.set(metatype, limits);
  }
  return limits;
}

/**
 * Checks a body's arrays against their DTO's `@ArrayMaxSize` before anything walks their items: the
 * transformer alone spends a good part of a second on a 45,000-item array, and each item rule would
 * report each item. An array over its limit gets the size message and is replaced by an empty one
 * for the rest of the pipeline; `oversized` names those fields, so that their other messages can go.
 */
export function checkArraySizes(
  body: Record<string, unknown>,
  metatype: new (...args: never[]) => unknown,
): { body: Record<string, unknown>; problems: ErrorDetail[]; oversized: Set<string> } {
  const problems: ErrorDetail[] = [];
  const oversized = new Set<string>();
  let checked = body;
  for (const [property, max] of arrayLimitsOf(metatype)) {
    const value = Object.hasOwn(body, property) ? body[property] : undefined;
    if (Array.isArray(value) && value.length > max) {
      checked = checked === body ? { ...body } : checked;
      checked[property] = [];
      oversized.add(property);
      problems.push({ field: property, message: `${property} must contain no more than ${max} elements` });
    }
  }
  return { body: checked, problems, oversized };
}
