/** The column types a hand-written statement's rows are checked against where they enter. */
const CHECKS = {
  string: (value: unknown) => typeof value === 'string',
  'string or null': (value: unknown) => value === null || typeof value === 'string',
  integer: (value: unknown) => Number.isInteger(value),
  boolean: (value: unknown) => typeof value === 'boolean',
  'string array': (value: unknown) =>
    Array.isArray(value) && value.every((item: unknown) => typeof item === 'string'),
} as const;

type ColumnType = keyof typeof CHECKS;

interface ColumnValues {
  string: string;
  'string or null': string | null;
  integer: number;
  boolean: boolean;
  'string array': string[];
}

export type RowShape = Readonly<Record<string, ColumnType>>;

export type RowOf<S extends RowShape> = { [K in keyof S]: ColumnValues[S[K]] };

/**
 * A row that does not have the shape its statement promises (a column renamed or retyped under
 * the code). The message names the statement and the column, never a value.
 */
export class UnexpectedRowError extends Error {
  constructor(statement: string, detail: string) {
    super(`${statement}: ${detail}`);
    this.name = UnexpectedRowError.name;
  }
}

/**
 * The rows of a raw query, each checked against `shape` (every column present with its type), so
 * nothing unchecked travels on as a typed value. Extra columns are left out.
 */
export function parseRows<S extends RowShape>(statement: string, shape: S, rows: unknown): Array<RowOf<S>> {
  if (!Array.isArray(rows)) {
    throw new UnexpectedRowError(statement, 'the result is not a list of rows');
  }
  // The shape's columns once per statement, not once per row: a page of a list is many rows.
  const columns = Object.entries(shape).map(([name, type]) => ({ name, type, check: CHECKS[type] }));
  const parsed: Array<RowOf<S>> = new Array<RowOf<S>>(rows.length);
  for (let index = 0; index < rows.length; index += 1) {
    parsed[index] = parseRow(statement, columns, rows[index]) as RowOf<S>;
  }
  return parsed;
}

interface CheckedColumn {
  name: string;
  type: ColumnType;
  check: (value: unknown) => boolean;
}

function parseRow(
  statement: string,
  columns: readonly CheckedColumn[],
  row: unknown,
): Record<string, unknown> {
  if (typeof row !== 'object' || row === null) {
    throw new UnexpectedRowError(statement, 'a row is not an object');
  }
  const parsed: Record<string, unknown> = {};
  for (const { name, type, check } of columns) {
    const value: unknown = (row as Record<string, unknown>)[name];
    if (!check(value)) {
      throw new UnexpectedRowError(statement, `column "${name}" is not of type ${type}`);
    }
    parsed[name] = value;
  }
  return parsed;
}

/**
 * The rows of an UPDATE or DELETE sent with `query()`: TypeORM's PostgreSQL driver answers those
 * with `[rows, affectedCount]` rather than the rows alone.
 */
export function rowsOfWrite(statement: string, result: unknown): unknown {
  if (!Array.isArray(result) || result.length !== 2 || typeof result[1] !== 'number') {
    throw new UnexpectedRowError(statement, 'the result is not [rows, affected]');
  }
  return result[0];
}
