/**
 * Name handling of `npm run generate:module -- <name>`: one kebab-case name in, every spelling
 * the templates need out. Plain functions (no plop), so names.test.mjs checks them on their own.
 */

import pluralize from 'pluralize';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_LENGTH = 40;

/** Words a module cannot be named after: JavaScript keywords (they become variable names). */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if import in instanceof new null return super switch this throw true try ' +
    'typeof var void while with yield let static implements interface package private protected public ' +
    'await arguments eval'
  ).split(' '),
);

/** Folders that are not feature modules, or words that would shadow the app's own routes. */
const TAKEN = new Set(['common', 'config', 'database', 'health', 'metrics', 'docs', 'api', 'modules']);

/** "an order item", "a user", "an hour": the article a summary puts before the singular. */
export function withArticle(phrase) {
  const word = phrase.split(' ')[0];
  // Vowel letters that sound like a consonant ("a user", "a one-off") and a silent h ("an hour").
  const consonantSound = /^(u[bcfhjkqrstn][aeiou]|uni|use|usu|uti|ura|ure|eu|ewe|one|once|ouija)/.test(word);
  const silentH = /^(hour|honest|honor|honour|heir)/.test(word);
  const vowelSound = (/^[aeiou]/.test(word) && !consonantSound) || silentH;
  return `${vowelSound ? 'an' : 'a'} ${phrase}`;
}

const camel = (kebab) => kebab.replace(/-([a-z0-9])/g, (_match, letter) => letter.toUpperCase());
const pascal = (kebab) => camel(kebab).replace(/^[a-z]/, (letter) => letter.toUpperCase());
const snake = (kebab) => kebab.replace(/-/g, '_');
const words = (kebab) => kebab.replace(/-/g, ' ');
const capitalize = (text) => text.replace(/^[a-z]/, (letter) => letter.toUpperCase());

/** `plural` or `plural:singular`, for a plural the library gets wrong (`data:data-point`). */
function splitInput(input) {
  const [plural, singular, extra] = input.split(':');
  return { plural, singular, extra };
}

/** Why the name cannot be used, or null when it can. */
export function nameProblem(input) {
  if (typeof input !== 'string' || input.length === 0) {
    return 'Give the module a name: npm run generate:module -- <name>  (e.g. comments, order-items)';
  }
  const { plural, singular, extra } = splitInput(input);
  for (const part of singular === undefined ? [plural] : [plural, singular]) {
    if (!NAME.test(part) || extra !== undefined) {
      return `"${input}" is not a valid module name: use kebab-case, lower-case letters and digits separated by single dashes, starting with a letter (e.g. comments, order-items); add ":singular" when the singular is not the one expected (e.g. data:data-point)`;
    }
    if (part.length > MAX_LENGTH) {
      return `"${part}" is too long: at most ${MAX_LENGTH} characters (it becomes table, index and class names)`;
    }
  }
  const names = moduleNames(input);
  const last = (kebab) => kebab.split('-').at(-1);
  if ([names.plural, names.singular].some((name) => RESERVED.has(camel(name)) || RESERVED.has(last(name)))) {
    return `"${input}" contains a JavaScript keyword; pick another name`;
  }
  if (TAKEN.has(names.plural) || TAKEN.has(names.singular)) {
    return `"${input}" is reserved by the application; pick another name`;
  }
  return null;
}

/**
 * Every spelling of a module name. The module, its folder, table and route are plural; the entity
 * is singular. A singular input is pluralised, so `comment` and `comments` give the same module;
 * only the last word changes (`order-items`). An uncountable noun (`news`, `series`) keeps one
 * form: the suffixes of the files and classes (`news.entity.ts`, `NewsModule`) keep them apart.
 */
export function moduleNames(input) {
  const given = splitInput(input);
  const lastDash = given.plural.lastIndexOf('-');
  const head = given.plural.slice(0, lastDash + 1);
  const tail = given.plural.slice(lastDash + 1);
  const tailSingular = pluralize.singular(tail);
  const plural = given.singular !== undefined ? given.plural : `${head}${pluralize.plural(tailSingular)}`;
  const singular = given.singular ?? `${head}${tailSingular}`;
  return {
    /** kebab-case: folder, route, file names. */
    plural,
    singular,
    /** PascalCase: classes. */
    Plural: pascal(plural),
    Singular: pascal(singular),
    /** camelCase: variables. */
    pluralCamel: camel(plural),
    singularCamel: camel(singular),
    /** snake_case: the table. */
    table: snake(plural),
    /** UPPER_SNAKE: constants. */
    SINGULAR: snake(singular).toUpperCase(),
    /** Lower-case words, for summaries and messages. */
    pluralWords: words(plural),
    singularWords: words(singular),
    SingularWords: capitalize(words(singular)),
    /** With its article: "an order item", "A user". */
    aSingularWords: withArticle(words(singular)),
    ASingularWords: capitalize(withArticle(words(singular))),
  };
}
