import { resolveRequestId } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe(resolveRequestId.name, () => {
  it('keeps a safe id from the caller', () => {
    expect(resolveRequestId('Abc.def_1-2')).toBe('Abc.def_1-2');
    expect(resolveRequestId('a'.repeat(128))).toBe('a'.repeat(128));
  });

  it.each([undefined, '', 'a'.repeat(129), 'has space', 'semi;colon', 'new\nline'])(
    'replaces %p with a new UUID',
    (incoming) => {
      expect(resolveRequestId(incoming)).toMatch(UUID);
    },
  );

  it('replaces a repeated header', () => {
    expect(resolveRequestId(['a', 'b'])).toMatch(UUID);
  });
});
