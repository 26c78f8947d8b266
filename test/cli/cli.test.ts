import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCliProcess } from '../support/cli';
import { scaled } from '../support/time-scale';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `diplomatic-ledger ARGS` in the test's directory, as a user would, output piped. */
const cli = (...args: string[]) => runCliProcess(dir, args);

describe('the diplomatic-ledger command line', () => {
  it(
    'records the demo in a file in the working directory, names it, and verifies it',
    () => {
      const demo = cli('demo');
      expect(demo.status).toBe(0);
      expect(demo.stdout).toContain(`Store: sqlite:${join(dir, 'diplomatic-ledger.db')}`);
      expect(demo.stdout).toMatch(
        /Recorded the Pakistan–Bahrain case of 10 September 2025: 11 events/,
      );
      expect(existsSync(join(dir, 'diplomatic-ledger.db'))).toBe(true);
      expect(cli('demo').stdout).toContain('already recorded (11 events in the store)');

      const verify = cli('audit', 'verify');
      expect(verify.status).toBe(0);
      expect(verify.stdout).toMatch(
        /11 events checked, chain intact\n {2}running digest: [0-9a-f]{64}/,
      );
      expect(verify.stderr).toBe('');
      const json = jsonLines(cli('--json', 'audit', 'verify').stdout)[0];
      expect(json).toMatchObject({ eventsChecked: 11, intact: true, problems: 0 });
    },
    scaled(60_000),
  );

  it(
    'fails audit verify, naming the event, when a stored payload is changed in the file',
    () => {
      expect(cli('demo').status).toBe(0);
      const db = new Database(join(dir, 'diplomatic-ledger.db'));
      const row = db
        .prepare(
          "SELECT event_id AS eventId, data FROM events WHERE type = 'JointWorkingGroupEstablished'",
        )
        .get() as { eventId: string; data: string };
      db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(
        row.data.replace('"immigration",', ''),
        row.eventId,
      );
      db.close();
      const verify = cli('audit', 'verify');
      expect(verify.status).toBe(1);
      expect(verify.stdout).toContain(
        'first problem: dataAltered: JointWorkingGroupEstablished at JointWorkingGroup-pk-bh-interior-jwg@0',
      );
      const json = jsonLines(cli('--json', 'audit', 'verify').stdout)[0];
      expect(json).toMatchObject({
        intact: false,
        firstProblem: { eventId: row.eventId, problem: 'dataAltered' },
      });
      const trail = cli('audit', 'trail', '--aggregate', 'JointWorkingGroup');
      expect(trail.stdout).toContain('INTEGRITY: dataAltered');
    },
    scaled(60_000),
  );

  it(
    'answers history, state, overview and timeline, in text and JSON',
    () => {
      cli('demo');
      const history = cli('history', 'MoU-pk-bh-extradition', '--json');
      expect(history.status).toBe(0);
      expect(jsonLines(history.stdout).map((e) => e.eventType)).toEqual(['MoUProposed']);

      const state = jsonLines(cli('--json', 'state', 'MoU-pk-bh-extradition').stdout)[0];
      expect(state).toMatchObject({
        revision: '0',
        state: { status: 'proposed', proposedBy: 'jointly' },
      });
      const before = jsonLines(
        cli('--json', 'state', 'MoU-pk-bh-extradition', '--as-of-occurred', '2025-09-09').stdout,
      )[0];
      expect(before).toMatchObject({ eventsApplied: 0, state: { status: 'unproposed' } });
      const recorded = cli(
        'state',
        'DrugLiaisonPosting-bh-dlo-islamabad',
        '--as-of-recorded',
        '2020-01-01',
      );
      expect(recorded.stdout).toContain('"status": "unannounced"');

      const overview = cli('overview', '--parties', 'BH,PK');
      expect(overview.stdout).toContain('sectors (6): Counter-narcotics');
      expect(overview.stdout).toContain('Memoranda of understanding (3)');
      expect(jsonLines(cli('--json', 'overview').stdout)).toHaveLength(1);

      expect(cli('timeline', '--format', 'mermaid').stdout).toMatch(/^timeline\n/);
      expect(cli('timeline').stdout).toContain('2025-09-10');
    },
    scaled(60_000),
  );

  it(
    'marks a group that has not met for the given months as dormant in the overview',
    () => {
      cli('demo');
      const dormant = cli('overview', '--dormant-as-of', '2026-09-10');
      expect(dormant.status).toBe(0);
      expect(dormant.stdout).toContain(
        'DORMANT as of 2026-09-10: no meeting for 12 months or more (no meeting since it was established on 2025-09-10)',
      );
      const notYet = cli(
        'overview',
        '--parties',
        'PK,BH',
        '--dormant-as-of',
        '2026-09',
        '--dormant-after-months',
        '12',
      );
      expect(notYet.stdout).toContain('not known to be dormant as of 2026-09');
      const [json] = jsonLines(
        cli('--json', 'overview', '--dormant-as-of', '2025-12-10', '--dormant-after-months', '3')
          .stdout,
      );
      expect(json?.jointWorkingGroups).toEqual([
        expect.objectContaining({
          warnings: [],
          dormancy: {
            asOf: '2025-12-10',
            dormantAfterMonths: 3,
            quietSince: '2025-09-10',
            dormant: true,
          },
        }),
      ]);
      expect(cli('overview').stdout).not.toMatch(/dormant/i);
    },
    scaled(60_000),
  );

  it(
    'exports and imports a history, and refuses a broken file naming the line, writing nothing',
    () => {
      cli('demo');
      const exported = cli('export', '--out', 'history.jsonl');
      expect(exported.status).toBe(0);
      expect(exported.stdout).toContain('Exported 11 events');
      const imported = cli('--store', 'sqlite:copy.db', 'import', 'history.jsonl');
      expect(imported.status).toBe(0);
      expect(imported.stdout).toContain('Imported 11 events in 6 streams');
      const digest = (out: string) => /running digest: ([0-9a-f]{64})/.exec(out)?.[1];
      expect(digest(cli('--store', 'sqlite:copy.db', 'audit', 'verify').stdout)).toBe(
        digest(exported.stdout),
      );

      const lines = readFileSync(join(dir, 'history.jsonl'), 'utf8').split('\n');
      lines[5] = (lines[5] ?? '').replace('"reason":"', '"reason":"not ');
      writeFileSync(join(dir, 'broken.jsonl'), lines.join('\n'));
      const refused = cli('--store', 'sqlite:other.db', 'import', 'broken.jsonl');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /^diplomatic-ledger: import refused, nothing written: line 6: integrity: eventAltered/,
      );
      expect(refused.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      // The store the refused import created is gone: nothing is left to pass for a history.
      expect(existsSync(join(dir, 'other.db'))).toBe(false);
      expect(existsSync(join(dir, 'other.db-wal'))).toBe(false);
      expect(cli('--store', 'sqlite:other.db', 'audit', 'verify').status).toBe(4);

      // A store that was there before a refused import stays, with what it held.
      expect(cli('--store', 'sqlite:copy.db', 'import', 'broken.jsonl').status).toBe(1);
      expect(cli('--store', 'sqlite:copy.db', 'audit', 'verify').stdout).toContain(
        '11 events checked, chain intact',
      );
    },
    scaled(60_000),
  );

  it.each([
    [['--bogus'], 2, /unknown option '--bogus'/],
    [['overview', '--parties', 'PK,XX'], 2, /--parties takes two ISO 3166-1 alpha-2 codes/],
    [['state', 'Treaty-1'], 2, /not a stream of this library/],
    [['state', 'MoU-x', '--as-of-occurred', '2025-13'], 2, /--as-of-occurred takes a date/],
    [['audit', 'trail', '--from', 'yesterday'], 2, /--from takes a date or an ISO 8601 instant/],
    [['import', 'missing.jsonl'], 2, /no such file: .*missing\.jsonl/],
    [
      ['overview', '--dormant-after-months', '6'],
      2,
      /--dormant-after-months needs --dormant-as-of/,
    ],
    [
      ['overview', '--dormant-as-of', '2026-12-01', '--dormant-after-months', '0'],
      2,
      /--dormant-after-months takes a whole number of months of 1 or more, got "0"/,
    ],
    [
      ['overview', '--parties', 'PK,BH', '--as-of-occurred', '2026', '--dormant-as-of', '2026'],
      2,
      /cannot be combined with --as-of-occurred/,
    ],
    [['timeline', '--format', 'svg'], 2, /svg/],
    [
      ['--store', 'sqlite:no/such/dir/x.db', 'demo'],
      3,
      /cannot open store sqlite:no\/such\/dir\/x\.db/,
    ],
    [['--store', 'mysql://x', 'demo'], 3, /unknown store "mysql:\/\/x"/],
  ])(
    '%j: one line naming the problem, exit %i, no stack, nothing written',
    (args, status, message) => {
      const run = cli(...args);
      expect(run.status).toBe(status);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, 'diplomatic-ledger.db'))).toBe(false);
    },
    scaled(60_000),
  );

  it(
    'refuses a corrupt database file with one line and leaves it as it was',
    () => {
      writeFileSync(join(dir, 'diplomatic-ledger.db'), 'this is not a database');
      const run = cli('audit', 'verify');
      expect(run.status).toBe(3);
      expect(run.stderr).toMatch(/^diplomatic-ledger: cannot open store .*not a SQLite database/);
      expect(readFileSync(join(dir, 'diplomatic-ledger.db'), 'utf8')).toBe(
        'this is not a database',
      );
    },
    scaled(60_000),
  );

  it(
    'stays quiet on standard error when piped (no progress bar)',
    () => {
      cli('demo');
      const run = cli('export', '--out', 'h.jsonl');
      expect(run.stderr).toBe('');
    },
    scaled(60_000),
  );
});
