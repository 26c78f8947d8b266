import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import { createInMemoryEventStore } from '../../src';
import type { EventStore } from '../../src';
import { createTestDatabase } from '../support/postgres';
import { scaled } from '../support/time-scale';

const countEvents = async (store: EventStore): Promise<number> => {
  let n = 0;
  for await (const _ of store.readAll()) n++;
  return n;
};

const run = async (store: EventStore): Promise<string[]> => {
  const lines: string[] = [];
  await runPakistanBahrain2025(store, (line) => lines.push(...line.split('\n')));
  return lines;
};

describe('the Pakistan–Bahrain example of 10 September 2025', () => {
  it('records the JWG with its six sectors, three proposed MoUs and the announced posting', async () => {
    const lines = await run(createInMemoryEventStore());
    const text = lines.join('\n');
    expect(text).toContain('Bilateral overview: BH – PK');
    expect(text).toMatch(
      /sectors \(6\): Counter-narcotics, Counter-terrorism, Coast guard operations, Border security, Immigration, Police training/,
    );
    const mous = lines.filter((l) => /^ {2}MoU on .*\[proposed\]/.test(l));
    expect(mous).toHaveLength(3);
    expect(mous.join('\n')).toMatch(
      /Extradition[\s\S]*Mutual Legal Assistance[\s\S]*Specialised Battalion Training/,
    );
    for (const line of mous) expect(line).toContain('yet to sign: PK, BH');
    expect(text).toContain(
      'BH at Embassy of the Kingdom of Bahrain, Islamabad (host PK) [announced]',
    );
  });

  it('prints exactly one audit line per recorded event', async () => {
    const store = createInMemoryEventStore();
    const lines = await run(store);
    const events = await countEvents(store);
    const auditLines = lines.filter((l) => /^ {2}2025-09-10 +recorded /.test(l));
    expect(auditLines).toHaveLength(events);
    expect(events).toBeGreaterThanOrEqual(11);
    expect(lines).toContain(`  ${events} events`);
    for (const line of auditLines) expect(line).toMatch(/by \S+ for (PK|BH): .+ \[UrduPoint/);
  });

  it('ends with an audit summary whose digest is the same for the same history', async () => {
    const digestOf = (lines: string[]): string | undefined =>
      lines.map((l) => /running digest: ([0-9a-f]{64})$/.exec(l)?.[1]).find(Boolean);
    // The same history is the same acts recorded at the same instants: one clock for both runs.
    const now = (): Date => new Date('2026-11-30T09:00:00.000Z');
    const store = createInMemoryEventStore({ now });
    const first = await run(store);
    const events = await countEvents(store);
    expect(first).toContain(`Integrity of $all: ${events} events checked, chain intact`);
    expect(digestOf(first)).toBeDefined();
    expect(digestOf(await run(createInMemoryEventStore({ now })))).toBe(digestOf(first));
    // Recorded at other instants, it is another history, and the digest says so.
    const later = (): Date => new Date('2026-11-30T09:00:01.000Z');
    expect(digestOf(await run(createInMemoryEventStore({ now: later })))).not.toBe(digestOf(first));
  });

  it('writes nothing the second time it runs on the same store', async () => {
    const store = createInMemoryEventStore();
    await run(store);
    const first = await countEvents(store);
    await run(store);
    expect(await countEvents(store)).toBe(first);
  });

  it(
    'runs as `npm run example` does: on the embedded store in the working directory',
    () => {
      const root = join(__dirname, '..', '..');
      const cwd = mkdtempSync(join(tmpdir(), 'example-'));
      try {
        const run = () =>
          execFileSync(
            process.execPath,
            [
              join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
              join(root, 'examples', 'pakistan-bahrain-2025.ts'),
            ],
            { cwd, encoding: 'utf8' },
          );
        const output = run();
        expect(output.split('\n')[0]).toBe(`Store: sqlite:${join(cwd, 'diplomatic-ledger.db')}`);
        expect(output.split('\n')[1]).toBe(
          `Keys: ${join(cwd, 'diplomatic-ledger.keys.db')} (3 holders' names sealed under their own keys)`,
        );
        expect(existsSync(join(cwd, 'diplomatic-ledger.db'))).toBe(true);
        // The holders' names are in the record, sealed, and the keys in a file of their own.
        expect(existsSync(join(cwd, 'diplomatic-ledger.keys.db'))).toBe(true);
        const stored = readFileSync(join(cwd, 'diplomatic-ledger.db'));
        expect(stored.includes('"ciphertext"')).toBe(true);
        expect(stored.includes('Mohsin Naqvi')).toBe(false);
        expect(output).toContain('Memoranda of understanding (3)');
        expect(output).toMatch(
          /\n {2}11 events\n\nIntegrity of \$all: 11 events checked, chain intact\n {2}running digest: [0-9a-f]{64}\n {2}tree head: size 11, root [A-Za-z0-9+/]{43}=\n$/,
        );
        // A second run finds the case recorded and writes nothing more.
        expect(run()).toMatch(/\n {2}11 events\n/);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
    scaled(60_000),
  );

  it(
    'runs with --store postgres://…, and a second run finds the case recorded',
    async () => {
      const root = join(__dirname, '..', '..');
      const database = await createTestDatabase('example');
      const withPassword = database.url.replace(
        'postgresql://postgres@',
        'postgresql://postgres:s3cret@',
      );
      const cwd = mkdtempSync(join(tmpdir(), 'example-'));
      try {
        const run = () =>
          execFileSync(
            process.execPath,
            [
              join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
              join(root, 'examples', 'pakistan-bahrain-2025.ts'),
              '--store',
              // Trust authentication ignores the password, but the example must not print it.
              withPassword,
            ],
            { cwd, encoding: 'utf8' },
          );
        const output = run();
        expect(output.split('\n')[0]).toBe(`Store: ${database.url}`);
        expect(output.split('\n')[1]).toBe(
          "Keys: none (the holders' names are not recorded in this store)",
        );
        expect(output).not.toContain('s3cret');
        expect(output).toMatch(
          /\n {2}11 events\n\nIntegrity of \$all: 11 events checked, chain intact\n/,
        );
        expect(run()).toMatch(/\n {2}11 events\n/);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
        await database.drop();
      }
    },
    scaled(60_000),
  );
});
