import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches, ValidateIf } from 'class-validator';

/** PostgreSQL cannot store NUL in text, and no legitimate input carries one. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this rejects
export const NO_NUL = /^[^\u0000]*$/;
export const NO_NUL_MESSAGE = '$property must not contain NUL characters';

/** At least one character that is not white space. */
export const NOT_BLANK = /\S/;

/**
 * A text of 1–`max` characters, not only white space, without NUL: the rule of a free text that
 * may not be empty (a title, a body, a name). The length is of the value as stored, after any transform.
 */
export const NonBlankText = (max: number) =>
  applyDecorators(
    IsString(),
    Length(1, max),
    Matches(NOT_BLANK, { message: '$property must not be blank' }),
    Matches(NO_NUL, { message: NO_NUL_MESSAGE }),
  );

/** For PATCH bodies: a field may be left out, but `null` is a value and must be valid like any other. */
export const IfPresent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/**
 * Runs before the length rules (the transformer runs before the validator), so what is validated is
 * what is stored: NFC, so one text has one encoding, and `lowerCase` where the column keeps a folded
 * form. Lower-casing can lengthen a text ('İ' becomes 'i' and a combining dot), which is why it
 * cannot wait until after the length check. A value that is not a string is left to the type rule.
 */
export function normalizeText(value: string, options: { lowerCase?: boolean } = {}): string {
  return (options.lowerCase ? value.toLowerCase() : value).normalize('NFC');
}

export const NormalizedText = (options: { lowerCase?: boolean } = {}) =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normalizeText(value, options) : value,
  );
