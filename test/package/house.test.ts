import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * The sources as a newcomer reads them: every file short enough to read whole, and no two
 * modules that import each other, directly or round a longer circle (type imports included: a
 * circle of types still means neither file can be read without the other).
 */
const root = join(__dirname, '..', '..');
const src = join(root, 'src');
const MAX_LINES = 400;

const sources = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(folder, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(folder, entry.name)]
        : [],
  );

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*? from '(\.[^']+)'/gm)].map(
    (m) => {
      const target = join(dirname(file), m[1] ?? '');
      return sources(dirname(target)).includes(`${target}.ts`)
        ? `${target}.ts`
        : join(target, 'index.ts');
    },
  );

describe('the sources', () => {
  const files = sources(src);

  it(`keep every file under ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => ({
        file: relative(root, file),
        lines: readFileSync(file, 'utf8').split('\n').length,
      }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('have no import circle', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      path.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open')
          circles.push(
            [...path.slice(path.indexOf(next)), next].map((f) => relative(src, f)).join(' -> '),
          );
        else if (state.get(next) === undefined) visit(next);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (state.get(file) === undefined) visit(file);
    expect(circles).toEqual([]);
  });
});
