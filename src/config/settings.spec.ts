import type { Setting } from './setting-kinds';
import { SETTINGS } from './settings';

const ROWS: [string, Setting<unknown>][] = Object.entries(SETTINGS);

describe('SETTINGS', () => {
  it('gives each variable one row', () => {
    const names = ROWS.map(([, setting]) => setting.env);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(ROWS)(
    'documents %s: what it means, and what unset means when it has no plain default',
    (_, setting) => {
      expect(setting.doc).not.toBe('');
      if (typeof setting.default !== 'string') {
        expect(setting.unset).toEqual(expect.any(String));
      }
    },
  );

  it.each(ROWS.filter(([, setting]) => typeof setting.default === 'string'))(
    'accepts the default of %s under its own rule',
    (_, setting) => {
      expect(() => setting.read(setting.default as string, '/')).not.toThrow();
    },
  );

  it.each(ROWS.filter(([, setting]) => setting.example !== undefined))(
    'accepts the example of %s under its own rule',
    (_, setting) => {
      expect(() => setting.read(setting.example as string, '/')).not.toThrow();
    },
  );
});
