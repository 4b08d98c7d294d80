import type { ValidationArguments, ValidationOptions } from 'class-validator';
import { ValidateBy } from 'class-validator';

/** One check of an array item: null when it passes, else what is wrong with it (without its name). */
export type ItemCheck = (item: unknown) => string | null;

/** Marks a message that names an item: `@item:3:must be a string`; the pipe turns it into `tags.3`. */
const ITEM_MESSAGE = /^@item:(\d+):(.*)$/s;

/**
 * An array over `maxItems` is left to the size rule (`ArrayMaxSize`): one message for the array,
 * instead of checking, and reporting, each of its maybe tens of thousands of items.
 */
function failures(value: unknown, checks: ItemCheck[], maxItems: number): string[] {
  if (!Array.isArray(value) || value.length > maxItems) {
    return [];
  }
  return value.flatMap((item: unknown, index) =>
    checks
      .map((check) => check(item))
      .flatMap((problem) => (problem === null ? [] : [`@item:${index}:${problem}`])),
  );
}

/**
 * Validates each item of an array and reports every bad item under its own dotted path (`tags.3`),
 * which class-validator's `{ each: true }` cannot do for arrays of plain values.
 */
export function EachItem(
  checks: ItemCheck[],
  limits: { maxItems: number },
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'eachItem',
      validator: {
        validate: (value: unknown) => failures(value, checks, limits.maxItems).length === 0,
        defaultMessage: (args?: ValidationArguments) =>
          failures(args?.value, checks, limits.maxItems).join('\n'),
      },
    },
    options,
  );
}

/** Splits an EachItem message into one `{index, message}` per bad item; null for any other message. */
export function itemProblems(message: string): Array<{ index: string; message: string }> | null {
  const lines = message.split('\n');
  const parsed = lines.map((line) => ITEM_MESSAGE.exec(line));
  if (parsed.some((match) => match === null)) {
    return null;
  }
  return parsed.map((match) => ({ index: match![1], message: match![2] }));
}
