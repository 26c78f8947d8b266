import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The package ships README.md and docs/, but not the sources, tests or examples: a shipped page
 * that names one of their files says it is in the repository, so that a reader of the installed
 * package does not look for it there.
 */
const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] };

const shippedPages = (): string[] => [
  ...pkg.files.filter((f) => f.endsWith('.md')),
  ...(pkg.files.includes('docs')
    ? readdirSync(join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => join('docs', f))
    : []),
];

describe('the documentation the package ships', () => {
  it('ships none of the folders its pages name files in', () => {
    for (const folder of ['src', 'test', 'examples']) expect(pkg.files).not.toContain(folder);
  });

  it.each(shippedPages())('%s names unshipped files only as the repository’s', (page) => {
    const text = readFileSync(join(root, page), 'utf8');
    const unmarked = [...text.matchAll(/`(?:src|test|examples)\/[^`]*`/g)]
      .filter(
        (m) => !/repository's\s+$/.test(text.slice(Math.max(0, (m.index ?? 0) - 20), m.index)),
      )
      .map((m) => m[0]);
    expect(unmarked).toEqual([]);
  });
});
