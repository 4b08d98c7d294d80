import { normalizeTags, slugify } from './post-text';

const ID = '6f1c6d1e-2a3b-4c5d-8e9f-000000000001';

describe(normalizeTags.name, () => {
  it('trims, lower-cases and drops duplicates, keeping the first occurrence in order', () => {
    expect(normalizeTags([' Go ', 'SQL', 'go', 'sql ', 'Rust'])).toEqual(['go', 'sql', 'rust']);
  });

  it('keeps an empty list empty', () => {
    expect(normalizeTags([])).toEqual([]);
  });
});

describe(slugify.name, () => {
  it('joins the words of the title with dashes and ends with the start of the id', () => {
    expect(slugify('Hello, World!', ID)).toBe('hello-world-6f1c6d1e2a3b');
  });

  it('folds accents to ASCII', () => {
    expect(slugify('Ça va, Zoë?', ID)).toBe('ca-va-zoe-6f1c6d1e2a3b');
  });

  it('falls back to "post" when nothing URL-safe is left', () => {
    expect(slugify('日本語 🎉', ID)).toBe('post-6f1c6d1e2a3b');
  });

  it('stays within 100 characters for the longest title', () => {
    const slug = slugify('word '.repeat(40), ID);
    expect(slug.length).toBeLessThanOrEqual(100);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('differs for two posts with the same title', () => {
    expect(slugify('Same', ID)).not.toBe(slugify('Same', '0a1b2c3d-0000-4000-8000-000000000002'));
  });
});
