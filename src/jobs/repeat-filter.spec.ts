import { RepeatFilter } from './repeat-filter';

describe(RepeatFilter.name, () => {
  it('shows a message once per window, and each distinct message on its own', () => {
    let now = 0;
    const filter = new RepeatFilter(1_000, () => now);
    expect(filter.shouldShow('down')).toBe(true);
    expect(filter.shouldShow('down')).toBe(false);
    expect(filter.shouldShow('other')).toBe(true);
    now = 999;
    expect(filter.shouldShow('down')).toBe(false);
    now = 1_000;
    expect(filter.shouldShow('down')).toBe(true);
  });
});
