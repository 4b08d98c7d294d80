import type { ValidationError, ValidationOptions } from 'class-validator';
import { ValidateBy } from 'class-validator';

/** One check of an array item: null when it passes, else what is wrong with it (without its name). */
export type ItemCheck = (item: unknown) => string | null;

/** A bad item of an array: where it is, and what is wrong with it (without the field's name). */
export interface ItemProblem {
  index: number;
  message: string;
}

/** The constraint's name, under which class-validator files its failure and its context. */
const EACH_ITEM = 'eachItem';
/** The key of the rule in that context. */
const ITEM_RULE = 'itemRule';

/** What the decorator leaves in the failure's context, so the pipe can name each bad item. */
interface EachItemRule {
  checks: ItemCheck[];
  maxItems: number;
}

/**
 * Every bad item of `value`, in order. An array over `maxItems` is left to the size rule
 * (`ArrayMaxSize`): one message for the array, instead of checking, and reporting, each of its maybe
 * tens of thousands of items.
 */
function problemsOf(value: unknown, { checks, maxItems }: EachItemRule): ItemProblem[] {
  if (!Array.isArray(value) || value.length > maxItems) {
    return [];
  }
  return value.flatMap((item: unknown, index) =>
    checks.flatMap((check) => {
      const message = check(item);
      return message === null ? [] : [{ index, message }];
    }),
  );
}

/**
 * Validates each item of an array and reports every bad item under its own dotted path (`tags.3`),
 * which class-validator's `{ each: true }` cannot do for arrays of plain values. The failure carries
 * its rule in class-validator's `context`; `itemProblems` reads the bad items from it.
 */
export function EachItem(
  checks: ItemCheck[],
  limits: { maxItems: number },
  options?: ValidationOptions,
): PropertyDecorator {
  const rule: EachItemRule = { checks, maxItems: limits.maxItems };
  return ValidateBy(
    {
      name: EACH_ITEM,
      validator: {
        validate: (value: unknown) => problemsOf(value, rule).length === 0,
        defaultMessage: () => '$property has invalid items',
      },
    },
    { ...options, context: { ...(options?.context as object | undefined), [ITEM_RULE]: rule } },
  );
}

/**
 * The bad items behind `constraint` of `error` when it is an EachItem failure, else null. It needs
 * the error's value (class-validator's `validationError.value`, on by default).
 */
export function itemProblems(error: ValidationError, constraint: string): ItemProblem[] | null {
  if (constraint !== EACH_ITEM) {
    return null;
  }
  const rule = (error.contexts?.[EACH_ITEM] as Record<string, unknown> | undefined)?.[ITEM_RULE];
  if (rule === undefined) {
    return null;
  }
  return problemsOf(error.value, rule as EachItemRule);
}
