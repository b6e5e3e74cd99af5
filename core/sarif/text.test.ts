import { describe, expect, it } from 'vitest';
import { escapeMarkdown, fingerprint, plainText } from './text.js';

describe('fingerprint', () => {
  it('is FNV-1a 64 (published test vectors)', () => {
    expect(fingerprint('')).toBe('cbf29ce484222325');
    expect(fingerprint('a')).toBe('af63dc4c8601ec8c');
    expect(fingerprint('foobar')).toBe('85944171f73967e8');
  });

  it('separates parts, so moving a boundary changes the hash', () => {
    expect(fingerprint('ab', 'c')).not.toBe(fingerprint('a', 'bc'));
    expect(fingerprint('é')).toBe(fingerprint('é'));
  });
});

describe('plainText', () => {
  it('escapes embedded-link syntax and removes control characters', () => {
    expect(plainText('a[b](c)\\d\u0000\n\u009b')).toBe('a\\[b\\](c)\\\\d   ');
  });

  it('bounds long values', () => {
    expect(plainText('x'.repeat(10_000))).toHaveLength(257);
  });
});

describe('escapeMarkdown', () => {
  it('renders markup characters literally', () => {
    expect(escapeMarkdown('**a** [l](u) <b> `c` #h "*"')).toBe(
      '\\*\\*a\\*\\* \\[l\\]\\(u\\) \\<b\\> \\`c\\` \\#h \\"\\*\\"',
    );
  });
});
