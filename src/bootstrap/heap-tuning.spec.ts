import { execFileSync } from 'node:child_process';
import v8 from 'node:v8';
import { tuneHeap } from './heap-tuning';

describe(tuneHeap.name, () => {
  it('names only V8 options that this Node.js knows (unknown ones would be ignored at run time)', () => {
    const flags: string[] = [];
    const spy = jest.spyOn(v8, 'setFlagsFromString').mockImplementation((flag) => flags.push(flag));
    tuneHeap();
    spy.mockRestore();
    expect(flags.length).toBeGreaterThan(0);
    // On the command line an unknown V8 option is fatal, so this run fails if one is not known.
    expect(() => execFileSync(process.execPath, [...flags, '-e', '0'], { stdio: 'pipe' })).not.toThrow();
  });
});
