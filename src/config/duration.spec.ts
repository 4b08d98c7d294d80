import { parseDurationSeconds } from './duration';

describe(parseDurationSeconds.name, () => {
  it.each([
    ['900', 900],
    ['45s', 45],
    ['15m', 900],
    ['2h', 7200],
    ['30d', 2_592_000],
    ['500ms', 0.5],
  ])('reads %s as %d seconds', (input, seconds) => {
    expect(parseDurationSeconds(input)).toBe(seconds);
  });

  it.each(['', '15 minutes', '-5', '1.5h', 'm'])('rejects %p', (input) => {
    expect(() => parseDurationSeconds(input)).toThrow('is not a duration');
  });
});
