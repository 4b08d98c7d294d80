import path from 'node:path';
import ts from 'typescript';
import { defineErrorCodes, ErrorCode, errorCodeForStatus, statusOfCode } from './error-code';

/** Type-checks `source` as a file beside error-code.ts; returns the compiler's messages. */
function compile(source: string): string[] {
  const fileName = path.join(__dirname, 'error-code.compile-check.ts');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === fileName ? source : readFile(name));
  host.fileExists = (
    (exists) => (name: string) =>
      name === fileName || exists(name)
  )(host.fileExists.bind(host));
  const program = ts.createProgram([fileName], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName === fileName)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('the code → status map', () => {
  it.each(Object.values(ErrorCode))('gives the generic code %s a status that maps back to it', (code) => {
    expect(errorCodeForStatus(statusOfCode(code))).toBe(code);
  });

  it('maps a status no generic code has to BAD_REQUEST or INTERNAL', () => {
    expect([errorCodeForStatus(418), errorCodeForStatus(502)]).toEqual([
      ErrorCode.BadRequest,
      ErrorCode.Internal,
    ]);
  });

  it('refuses a code nobody declared', () => {
    expect(() => statusOfCode('NEVER_DECLARED')).toThrow(/never declared/);
  });
});

describe(defineErrorCodes.name, () => {
  it("adds a module's own codes to the map, and keeps the generic ones it reuses", () => {
    const codes = defineErrorCodes(
      { TeaCold: 'SPEC_TEA_COLD', NotFound: ErrorCode.NotFound },
      { SPEC_TEA_COLD: 409 },
    );
    expect(codes).toEqual({ TeaCold: 'SPEC_TEA_COLD', NotFound: 'NOT_FOUND' });
    expect(statusOfCode(codes.TeaCold)).toBe(409);
    expect(statusOfCode(codes.NotFound)).toBe(404);
  });

  it('refuses a second status for a code, so a code answers one status everywhere', () => {
    defineErrorCodes({ Spilt: 'SPEC_SPILT' }, { SPEC_SPILT: 409 });
    expect(() => defineErrorCodes({ Spilt: 'SPEC_SPILT' }, { SPEC_SPILT: 422 })).toThrow(
      /already answers 409/,
    );
  });

  it('refuses at runtime a code without a status (when the types were bypassed)', () => {
    expect(() => defineErrorCodes({ Lost: 'SPEC_LOST' }, {} as never)).toThrow(/SPEC_LOST has no status/);
  });

  describe('type-checks', () => {
    const declare = (statuses: string) =>
      compile(
        `import { defineErrorCodes, ErrorCode } from './error-code';\n` +
          `export const Codes = defineErrorCodes({ Own: 'OWN_CODE', NotFound: ErrorCode.NotFound }, ${statuses});\n`,
      );

    it('a module whose every own code has a status', () => {
      expect(declare('{ OWN_CODE: 409 }')).toEqual([]);
    });

    it('and does not compile a module code without a status', () => {
      expect(declare('{}').join('\n')).toMatch(/OWN_CODE/);
    });

    it('nor a new status for a generic code it reuses', () => {
      expect(declare('{ OWN_CODE: 409, NOT_FOUND: 400 }').join('\n')).toMatch(/NOT_FOUND/);
    });

    it('nor a status that is not an error status', () => {
      expect(declare('{ OWN_CODE: 200 }').join('\n')).toMatch(/200/);
    });
  });
});
