import { ARRAY_MAX_SIZE, getMetadataStorage } from 'class-validator';
import type { ErrorDetail } from '../errors/app-error';

type DtoClass = new (...args: never[]) => unknown;

interface DtoShape {
  /** Properties with any validation rule: what whitelisting allows. */
  declared: Set<string>;
  /** `@ArrayMaxSize` limits, by property. */
  arrayLimits: Map<string, number>;
  /** Properties whose declared type is a string, number or boolean. */
  scalars: Set<string>;
}

const SCALAR_TYPES = new Set<unknown>([String, Number, Boolean]);
const shapes = new WeakMap<DtoClass, DtoShape>();

/** What the DTO class declares, read once per class from class-validator's and TypeScript's metadata. */
function shapeOf(metatype: DtoClass): DtoShape {
  let shape = shapes.get(metatype);
  if (!shape) {
    const rules = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false);
    const declared = new Set(rules.map((rule) => rule.propertyName));
    shape = {
      declared,
      arrayLimits: new Map(
        rules
          .filter((rule) => rule.name === ARRAY_MAX_SIZE)
          .map((rule) => [rule.propertyName, Number((rule.constraints as unknown[])[0])]),
      ),
      scalars: new Set(
        [...declared].filter((property) =>
          SCALAR_TYPES.has(Reflect.getMetadata('design:type', metatype.prototype as object, property)),
        ),
      ),
    };
    shapes.set(metatype, shape);
  }
  return shape;
}

export interface PrecheckedBody {
  /** What the rest of the pipeline gets: unknown fields left out, oversized values replaced. */
  body: Record<string, unknown>;
  problems: ErrorDetail[];
  /** Fields answered here, whose messages from the rest of the pipeline would only repeat them. */
  answered: Set<string>;
}

/**
 * The checks that need no look at a value's contents, made before the transformer walks them all (it
 * alone spent 80–200 ms on a 45,000-item array, and longer on 9,000 unknown fields):
 * - an unknown field is "not allowed", and goes no further;
 * - an array over its `@ArrayMaxSize` gets the size message, without any item rule, and is replaced
 *   by an empty array;
 * - an array or object where a string, number or boolean goes is replaced by an empty one: its type
 *   rules fail just the same, without the transformer copying it.
 */
export function precheckBody(body: Record<string, unknown>, metatype: DtoClass): PrecheckedBody {
  const { declared, arrayLimits, scalars } = shapeOf(metatype);
  const checked: Record<string, unknown> = {};
  const problems: ErrorDetail[] = [];
  const answered = new Set<string>();
  for (const field of Object.keys(body)) {
    const value = body[field];
    if (!declared.has(field)) {
      problems.push({ field, message: `${field} is not allowed` });
      continue;
    }
    const limit = arrayLimits.get(field);
    if (limit !== undefined && Array.isArray(value) && value.length > limit) {
      problems.push({ field, message: `${field} must contain no more than ${limit} elements` });
      answered.add(field);
      checked[field] = [];
    } else if (scalars.has(field) && value !== null && typeof value === 'object') {
      checked[field] = Array.isArray(value) ? [] : {};
    } else {
      checked[field] = value;
    }
  }
  return { body: checked, problems, answered };
}
