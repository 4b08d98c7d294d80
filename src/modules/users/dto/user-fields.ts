import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { ValidationOptions } from 'class-validator';
import { IsEmail, IsString, Length, Matches, MaxLength, ValidateBy } from 'class-validator';
import { isCommonPassword } from '../common-passwords';
import { NO_NUL, NO_NUL_MESSAGE, normalizeText, NormalizedText } from '../../../common/pipes/field-rules';

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 50;
export const EMAIL_MAX = 255;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/**
 * What `format: email` means in the document (RFC 5321): printable ASCII. An international domain
 * is written in its `xn--` form; it also keeps look-alike letters out of account addresses.
 */
const ASCII_EMAIL = /^[\x21-\x7e]*$/;

/** Emails are stored, compared and length-checked in this form. */
export function normalizeEmail(email: string): string {
  return normalizeText(email, { lowerCase: true });
}

export function IsNotCommonPassword(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotCommonPassword',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isCommonPassword(value),
        defaultMessage: () => '$property is one of the most common passwords, choose another',
      },
    },
    options,
  );
}

export function IsUsername(options: { required?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: `${USERNAME_MIN}–${USERNAME_MAX} letters, digits, "_", "." or "-"; unique, case-insensitively`,
      example: 'ada.lovelace',
      minLength: USERNAME_MIN,
      maxLength: USERNAME_MAX,
      pattern: '^[A-Za-z0-9_.-]+$',
      required: options.required ?? true,
    }),
    NormalizedText(),
    IsString(),
    Length(USERNAME_MIN, USERNAME_MAX),
    Matches(/^[A-Za-z0-9_.-]*$/, { message: '$property may contain only letters, digits, "_", "." and "-"' }),
  );
}

export function IsUserEmail(options: { required?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description:
        'ASCII (an international domain in its xn-- form); stored lower-cased, and the length limit applies to that form; unique',
      example: 'ada@example.com',
      format: 'email',
      maxLength: EMAIL_MAX,
      required: options.required ?? true,
    }),
    NormalizedText({ lowerCase: true }),
    IsString(),
    MaxLength(EMAIL_MAX),
    Matches(ASCII_EMAIL, {
      message: '$property must be ASCII (an international domain in its xn-- form)',
    }),
    IsEmail(),
  );
}

/** A password being set: its length is checked here, before anything hashes it. */
export function IsNewPassword(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: `${PASSWORD_MIN}–${PASSWORD_MAX} characters, not one of the most common passwords`,
      example: 'correct horse battery staple',
      minLength: PASSWORD_MIN,
      maxLength: PASSWORD_MAX,
      format: 'password',
    }),
    IsString(),
    Length(PASSWORD_MIN, PASSWORD_MAX),
    Matches(NO_NUL, { message: NO_NUL_MESSAGE }),
    IsNotCommonPassword(),
  );
}

/**
 * The caller's password, confirming a sensitive action (password change, account deletion, email
 * change). Only its length is checked here: whether it is right is the service's question.
 */
export function IsCurrentPassword(
  options: { required?: boolean; description?: string } = {},
): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      format: 'password',
      minLength: 1,
      maxLength: PASSWORD_MAX,
      example: 'my old passphrase',
      required: options.required ?? true,
      description: options.description ?? "The caller's current password",
    }),
    IsString(),
    Length(1, PASSWORD_MAX),
    Matches(NO_NUL, { message: NO_NUL_MESSAGE }),
  );
}
