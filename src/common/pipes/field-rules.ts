import { ValidateIf } from 'class-validator';

/** PostgreSQL cannot store NUL in text, and no legitimate input carries one. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this rejects
export const NO_NUL = /^[^\u0000]*$/;
export const NO_NUL_MESSAGE = '$property must not contain NUL characters';

/** At least one character that is not white space. */
export const NOT_BLANK = /\S/;

/** For PATCH bodies: a field may be left out, but `null` is a value and must be valid like any other. */
export const IfPresent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
