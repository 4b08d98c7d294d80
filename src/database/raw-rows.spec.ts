import { parseRows, rowsOfWrite, UnexpectedRowError } from './raw-rows';

const SHAPE = { id: 'string', note: 'string or null', version: 'integer', tags: 'string array' } as const;

describe(parseRows.name, () => {
  it('keeps the columns of the shape, typed, and leaves the others out', () => {
    const rows = parseRows('t.read', SHAPE, [{ id: 'a', note: null, version: 2, tags: ['x'], extra: 1 }]);
    expect(rows).toEqual([{ id: 'a', note: null, version: 2, tags: ['x'] }]);
  });

  it.each([
    ['a missing column', { note: null, version: 1, tags: [] }, 'column "id" is not of type string'],
    [
      'a number where text belongs',
      { id: 1, note: null, version: 1, tags: [] },
      'column "id" is not of type string',
    ],
    [
      'a fraction as an integer',
      { id: 'a', note: null, version: 1.5, tags: [] },
      'column "version" is not of type integer',
    ],
    [
      'a string of digits as an integer',
      { id: 'a', note: null, version: '1', tags: [] },
      'column "version" is not of type integer',
    ],
    [
      'a Date where text belongs',
      { id: 'a', note: new Date(0), version: 1, tags: [] },
      'column "note" is not of type string or null',
    ],
    [
      'an array of numbers',
      { id: 'a', note: null, version: 1, tags: [1] },
      'column "tags" is not of type string array',
    ],
  ])('refuses %s, naming the statement and the column', (_case, row, detail) => {
    expect(() => parseRows('t.read', SHAPE, [row])).toThrow(new UnexpectedRowError('t.read', detail));
  });

  it('never puts the value in the message', () => {
    expect(() => parseRows('t.read', { id: 'integer' }, [{ id: 'secret-value' }])).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret-value') }),
    );
  });

  it('refuses a result that is not a list of rows', () => {
    expect(() => parseRows('t.read', SHAPE, { rows: [] })).toThrow(UnexpectedRowError);
    expect(() => parseRows('t.read', SHAPE, [null])).toThrow(UnexpectedRowError);
  });
});

describe(rowsOfWrite.name, () => {
  it("takes the rows out of the driver's [rows, affected] answer to an UPDATE", () => {
    expect(rowsOfWrite('t.write', [[{ id: 'a' }], 1])).toEqual([{ id: 'a' }]);
    expect(() => rowsOfWrite('t.write', [{ id: 'a' }])).toThrow(UnexpectedRowError);
  });
});
