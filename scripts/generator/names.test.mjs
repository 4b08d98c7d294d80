// Run by scripts/check-generator.sh: node --test scripts/generator/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleNames, nameProblem, withArticle } from './names.mjs';
import { registerModule } from './plopfile.mjs';
import { clashProblem, takenRoutes, takenTables } from './taken-names.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test('a plural name gives a singular entity and a plural module, table and route', () => {
  assert.deepEqual(pick(moduleNames('comments')), ['comments', 'comment', 'Comments', 'Comment', 'comments']);
  assert.deepEqual(pick(moduleNames('categories')), [
    'categories',
    'category',
    'Categories',
    'Category',
    'categories',
  ]);
  assert.deepEqual(pick(moduleNames('order-items')), [
    'order-items',
    'order-item',
    'OrderItems',
    'OrderItem',
    'order_items',
  ]);
});

test('a singular name is pluralised, so both spellings give one module', () => {
  assert.deepEqual(moduleNames('comment'), moduleNames('comments'));
  assert.deepEqual(moduleNames('category'), moduleNames('categories'));
  assert.equal(moduleNames('box').plural, 'boxes');
  assert.equal(moduleNames('status').plural, 'statuses');
});

test('irregular plurals come out right, in any spelling', () => {
  assert.deepEqual(pick(moduleNames('statuses')), ['statuses', 'status', 'Statuses', 'Status', 'statuses']);
  assert.deepEqual(pick(moduleNames('movies')), ['movies', 'movie', 'Movies', 'Movie', 'movies']);
  assert.deepEqual(pick(moduleNames('heroes')), ['heroes', 'hero', 'Heroes', 'Hero', 'heroes']);
  assert.deepEqual(pick(moduleNames('people')), ['people', 'person', 'People', 'Person', 'people']);
  assert.deepEqual(pick(moduleNames('quizzes')), ['quizzes', 'quiz', 'Quizzes', 'Quiz', 'quizzes']);
  assert.deepEqual(pick(moduleNames('order-statuses')), [
    'order-statuses',
    'order-status',
    'OrderStatuses',
    'OrderStatus',
    'order_statuses',
  ]);
  assert.deepEqual(moduleNames('hero'), moduleNames('heroes'));
  assert.deepEqual(moduleNames('person'), moduleNames('people'));
});

test('an uncountable noun keeps one form, and is accepted', () => {
  for (const name of ['news', 'series', 'sheep']) {
    assert.equal(nameProblem(name), null);
    const names = moduleNames(name);
    assert.deepEqual(pick(names), [name, name, names.Singular, names.Singular, name]);
  }
  assert.equal(moduleNames('news').Plural, 'News');
  assert.equal(moduleNames('tv-series').table, 'tv_series');
});

test('summaries get the right article', () => {
  assert.equal(moduleNames('order-items').aSingularWords, 'an order item');
  assert.equal(moduleNames('order-items').ASingularWords, 'An order item');
  assert.equal(moduleNames('comments').aSingularWords, 'a comment');
  assert.equal(moduleNames('users').aSingularWords, 'a user');
  assert.equal(withArticle('hour'), 'an hour');
  assert.equal(withArticle('honest review'), 'an honest review');
  assert.equal(withArticle('hero'), 'a hero');
  assert.equal(withArticle('unit'), 'a unit');
  assert.equal(withArticle('umbrella'), 'an umbrella');
  assert.equal(withArticle('update'), 'an update');
  assert.equal(withArticle('euro price'), 'a euro price');
  assert.equal(withArticle('one-off'), 'a one-off');
  assert.equal(withArticle('event'), 'an event');
});

test("a route or a table the project already has is refused, test fixtures' included", () => {
  const routes = takenRoutes(ROOT);
  const tables = takenTables(ROOT);
  assert.equal(clashProblem(moduleNames('posts'), routes, tables)?.includes('/api/v1/posts'), true);
  assert.match(
    clashProblem(moduleNames('users'), routes, tables),
    /route \/api\/v1\/users is already served/,
  );
  assert.match(clashProblem(moduleNames('probes'), routes, tables), /test\/support\/probe\.module\.ts/);
  assert.match(
    clashProblem(moduleNames('refresh-tokens'), routes, tables),
    /table "refresh_tokens" already exists/,
  );
  assert.equal(clashProblem(moduleNames('comments'), routes, tables), null);
});

test('the names a user most often picks first are free: no test fixture holds them', () => {
  const routes = takenRoutes(ROOT);
  const tables = takenTables(ROOT);
  for (const name of [
    'widgets',
    'items',
    'products',
    'orders',
    'tasks',
    'todos',
    'notes',
    'comments',
    'things',
  ]) {
    assert.equal(clashProblem(moduleNames(name), routes, tables), null, name);
  }
});

test('plural:singular spells out what the simple rules get wrong', () => {
  assert.deepEqual(pick(moduleNames('people:person')), ['people', 'person', 'People', 'Person', 'people']);
});

test('invalid names are refused with a message that says why', () => {
  assert.equal(nameProblem('comments'), null);
  assert.match(nameProblem(''), /Give the module a name/);
  assert.match(nameProblem('Comments'), /kebab-case/);
  assert.match(nameProblem('order_items'), /kebab-case/);
  assert.match(nameProblem('2fa'), /kebab-case/);
  assert.match(nameProblem('a'.repeat(41)), /too long/);
  assert.match(nameProblem('classes'), /keyword/);
  assert.match(nameProblem('health'), /reserved/);
});

test('registering adds the import and the FEATURE_MODULES entry, keeping what was there', () => {
  const source = [
    "import { Module } from '@nestjs/common';",
    "import { AuthModule } from './modules/auth/auth.module';",
    "import { UsersModule } from './modules/users/users.module';",
    '',
    'export const FEATURE_MODULES: Type[] = [UsersModule, AuthModule];',
  ].join('\n');
  assert.equal(
    registerModule(source, moduleNames('comments')),
    [
      "import { Module } from '@nestjs/common';",
      "import { AuthModule } from './modules/auth/auth.module';",
      "import { CommentsModule } from './modules/comments/comments.module';",
      "import { UsersModule } from './modules/users/users.module';",
      '',
      'export const FEATURE_MODULES: Type[] = [UsersModule, AuthModule, CommentsModule];',
    ].join('\n'),
  );
});

function pick(names) {
  return [names.plural, names.singular, names.Plural, names.Singular, names.table];
}
