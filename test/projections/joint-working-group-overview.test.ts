import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  InvalidOverviewOptionsError,
  JointWorkingGroup,
  addMonths,
  bilateralOverview,
  bilateralOverviews,
  checkOverviewOptions,
  createInMemoryEventStore,
  formatBilateralOverview,
  handleCommand,
  readCurrentStates,
  type BilateralOverviewOptions,
  type CurrentStates,
  type JointWorkingGroupCommand,
  type JointWorkingGroupSummary,
} from '../../src';
import { context } from '../support/context';
import { scaled } from '../support/time-scale';

const jwgId = 'pk-bh-jwg';

/** A held round: [round, host, venue, date]. */
type Held = readonly [number, 'PK' | 'BH', string, string];

interface History {
  readonly establishedOn: string;
  readonly held?: readonly Held[];
  readonly dissolvedOn?: string;
}

const must = async (
  store: ReturnType<typeof createInMemoryEventStore>,
  command: JointWorkingGroupCommand,
): Promise<void> => {
  const result = await handleCommand(store, JointWorkingGroup, command, context());
  if (E.isLeft(result)) throw new Error(result.left.message);
};

/** The current states after recording a group's history through its commands. */
const record = async ({
  establishedOn,
  held = [],
  dissolvedOn,
}: History): Promise<CurrentStates> => {
  const store = createInMemoryEventStore();
  await must(store, {
    type: 'EstablishJointWorkingGroup',
    jwgId,
    name: 'Pakistan–Bahrain Joint Working Group',
    parties: ['PK', 'BH'],
    sectors: ['counterNarcotics'],
    occurredOn: establishedOn,
  });
  for (const [round, hostParty, venue, occurredOn] of held)
    await must(store, {
      type: 'RecordMeetingHeld',
      jwgId,
      round,
      hostParty,
      venue,
      delegations: [],
      occurredOn,
    });
  if (dissolvedOn !== undefined)
    await must(store, {
      type: 'DissolveJointWorkingGroup',
      jwgId,
      reason: 'its work passed to a standing committee',
      occurredOn: dissolvedOn,
    });
  const states = await readCurrentStates(store);
  if (E.isLeft(states)) throw new Error(states.left.message);
  return states.right;
};

const groupOf = (states: CurrentStates, options?: BilateralOverviewOptions) => {
  const [group] = bilateralOverview(states, ['PK', 'BH'], options).jointWorkingGroups;
  if (group === undefined) throw new Error('no group in the overview');
  return group;
};

const summary = async (history: History, options?: BilateralOverviewOptions) =>
  groupOf(await record(history), options);

const dormantOn = async (history: History, asOf: string, dormantAfterMonths?: number) =>
  (
    await summary(history, {
      asOf,
      ...(dormantAfterMonths === undefined ? {} : { dormantAfterMonths }),
    })
  ).dormancy?.dormant;

describe('the alternation warning of a joint working group', () => {
  it('warns when two rounds in a row are hosted by the same party, naming rounds and venues', async () => {
    const states = await record({
      establishedOn: '2025-01-10',
      held: [
        [1, 'BH', 'Manama', '2025-03-15'],
        [2, 'BH', 'Manama, Bahrain', '2025-09'],
      ],
    });
    expect(groupOf(states).warnings).toEqual([
      {
        kind: 'sameHostTwiceInARow',
        hostParty: 'BH',
        earlier: { round: 1, venue: 'Manama', occurredOn: '2025-03-15' },
        later: { round: 2, venue: 'Manama, Bahrain', occurredOn: '2025-09' },
      },
    ]);
    expect(formatBilateralOverview(bilateralOverview(states, ['BH', 'PK']))).toContain(
      'warning: rounds 1 and 2 were both hosted by BH (Manama, 2025-03-15; Manama, Bahrain, 2025-09)',
    );
  });

  it('says nothing when the rounds alternate, or when there are fewer than two', async () => {
    const alternating = await summary({
      establishedOn: '2025-01-10',
      held: [
        [1, 'BH', 'Manama', '2025-03-15'],
        [2, 'PK', 'Islamabad', '2025-09-01'],
        [3, 'BH', 'Manama', '2026-02-01'],
      ],
    });
    expect(alternating.warnings).toEqual([]);
    expect(formatBilateralOverview(emptyWith(alternating))).not.toContain('warning:');
    const one = await summary({
      establishedOn: '2025-01-10',
      held: [[1, 'PK', 'Islamabad', '2025-03']],
    });
    expect(one.warnings).toEqual([]);
  });

  it('warns twice for three rounds in a row at one host, and counts skipped rounds as consecutive', async () => {
    const group = await summary({
      establishedOn: '2025-01-10',
      held: [
        [1, 'PK', 'Islamabad', '2025-02-01'],
        [2, 'PK', 'Islamabad', '2025-05-01'],
        [4, 'PK', 'Lahore', '2025-08-01'],
      ],
    });
    expect(group.warnings.map((w) => [w.earlier.round, w.later.round, w.hostParty])).toEqual([
      [1, 2, 'PK'],
      [2, 4, 'PK'],
    ]);
  });

  it(
    'warns exactly for the consecutive rounds with equal hosts, whatever the venues say',
    async () => {
      const host = fc.constantFrom<'PK' | 'BH'>('PK', 'BH');
      const venue = fc.constantFrom('Islamabad', 'Manama', 'Manama, Bahrain');
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(host, venue), { maxLength: 8 }), async (rounds) => {
          const held = rounds.map(([h, v], i): Held => [
            i + 1,
            h,
            v,
            `2020-${String(i + 1).padStart(2, '0')}-15`,
          ]);
          const group = await summary({ establishedOn: '2019-06-01', held });
          const expected = held
            .slice(1)
            .filter((later, i) => held[i]?.[1] === later[1])
            .map((later) => [later[0] - 1, later[0], later[1]]);
          expect(group.warnings.map((w) => [w.earlier.round, w.later.round, w.hostParty])).toEqual(
            expected,
          );
        }),
        { numRuns: 60 },
      );
    },
    scaled(60_000),
  );
});

/** An overview holding just this group, to read the group's lines in the text. */
const emptyWith = (group: JointWorkingGroupSummary) => ({
  parties: ['BH', 'PK'] as const,
  meetings: [],
  jointWorkingGroups: [group],
  mous: [],
  postings: [],
});

describe('the dormancy of a joint working group', () => {
  const metOnce = (date: string): History => ({
    establishedOn: '2024-01-10',
    held: [[1, 'BH', 'Manama', date]],
  });

  it('is not judged without a date: the field is absent', async () => {
    const group = await summary(metOnce('2024-03-15'));
    expect('dormancy' in group).toBe(false);
    expect(formatBilateralOverview(emptyWith(group))).not.toMatch(/dormant/i);
  });

  it('is dormant from exactly N months after the last meeting, 12 by default', async () => {
    const history = metOnce('2025-03-15');
    expect(await dormantOn(history, '2026-03-15')).toBe(true);
    expect(await dormantOn(history, '2026-03-14')).toBe(false);
    expect(await dormantOn(history, '2025-06-15', 3)).toBe(true);
    expect(await dormantOn(history, '2025-06-14', 3)).toBe(false);
    const group = await summary(history, { asOf: '2026-04-01' });
    expect(group.dormancy).toEqual({
      asOf: '2026-04-01',
      dormantAfterMonths: 12,
      quietSince: '2025-03-15',
      lastRound: 1,
      dormant: true,
    });
    expect(formatBilateralOverview(emptyWith(group))).toContain(
      'DORMANT as of 2026-04-01: no meeting for 12 months or more (last met in round 1, 2025-03-15)',
    );
  });

  it('with partial dates, is dormant only when it certainly is', async () => {
    const byMonth = metOnce('2025-03');
    // The meeting may have been on 31 March 2025: dormant only from 31 March 2026.
    expect(await dormantOn(byMonth, '2026-04')).toBe(true);
    expect(await dormantOn(byMonth, '2026-03-31')).toBe(true);
    expect(await dormantOn(byMonth, '2026-03-30')).toBe(false);
    expect(await dormantOn(byMonth, '2026-03')).toBe(false);
    // `2026-03` may mean 1 March, before the anniversary of 15 March.
    expect(await dormantOn(metOnce('2025-03-15'), '2026-03')).toBe(false);
    expect(await dormantOn(metOnce('2025-03-15'), '2026-04')).toBe(true);
    expect(await dormantOn(metOnce('2024'), '2025-12-31')).toBe(true);
    expect(await dormantOn(metOnce('2024'), '2025-12')).toBe(false);
  });

  it('with no meeting at all, counts from the establishment', async () => {
    const never: History = { establishedOn: '2025-09-10' };
    expect(await dormantOn(never, '2026-09-10')).toBe(true);
    expect(await dormantOn(never, '2026-09-09')).toBe(false);
    expect((await summary(never, { asOf: '2026-09-10' })).dormancy).toEqual({
      asOf: '2026-09-10',
      dormantAfterMonths: 12,
      quietSince: '2025-09-10',
      dormant: true,
    });
    expect(
      formatBilateralOverview(emptyWith(await summary(never, { asOf: '2026-09-09' }))),
    ).toContain(
      'not known to be dormant as of 2026-09-09 (no meeting since it was established on 2025-09-10; dormant after 12 months)',
    );
    // Before the group existed it was not dormant either.
    expect(await dormantOn(never, '2024-01-01')).toBe(false);
  });

  it('leaves out meetings certainly after the date and counts those that may be before it', async () => {
    const later = {
      establishedOn: '2024-01-10',
      held: [[1, 'BH', 'Manama', '2024-02-01'] as const],
    };
    const certainlyAfter: History = {
      ...later,
      held: [...later.held, [2, 'PK', 'Islamabad', '2025-06-01']],
    };
    expect(await dormantOn(certainlyAfter, '2025-03-01')).toBe(true);
    expect((await summary(certainlyAfter, { asOf: '2025-03-01' })).dormancy?.lastRound).toBe(1);
    const mayBeBefore: History = {
      ...later,
      held: [...later.held, [2, 'PK', 'Islamabad', '2025-03']],
    };
    expect(await dormantOn(mayBeBefore, '2025-03-10')).toBe(false);
  });

  it('is never said of a dissolved group, unless it was dissolved certainly after the date', async () => {
    const dissolved: History = { ...metOnce('2024-03-15'), dissolvedOn: '2025-06' };
    expect(await dormantOn(dissolved, '2027-01-01')).toBe(false);
    expect(await dormantOn(dissolved, '2025-06-30')).toBe(false);
    expect(await dormantOn(dissolved, '2025-05-31')).toBe(true);
  });

  it('refuses a month count that is not a whole number of 1 or more, and a bad date', async () => {
    const states = await record(metOnce('2025-03-15'));
    for (const dormantAfterMonths of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const checked = checkOverviewOptions({ asOf: '2026-01-01', dormantAfterMonths });
      expect(E.isLeft(checked) && checked.left.option).toBe('dormantAfterMonths');
      expect(() => bilateralOverviews(states, { dormantAfterMonths })).toThrow(
        InvalidOverviewOptionsError,
      );
    }
    const badDate = checkOverviewOptions({ asOf: '2026-13' });
    expect(E.isLeft(badDate) && badDate.left.message).toMatch(/asOf must be a date/);
    expect(() => bilateralOverview(states, ['PK', 'BH'], { asOf: '2026-02-30' })).toThrow(
      InvalidOverviewOptionsError,
    );
    expect(checkOverviewOptions()).toEqual(E.right({ dormantAfterMonths: 12 }));
  });

  it('adds months on the calendar, keeping to the end of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 14)).toBe('2027-01-15');
    expect(addMonths('9999-06-01', 12)).toBeUndefined();
  });
});
