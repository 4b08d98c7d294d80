// Run by scripts/check-generator.sh: node --test scripts/generator/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moduleNames, nameProblem } from './names.mjs';
import { registerModule } from './plopfile.mjs';

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
