import * as E from 'fp-ts/Either';
import { v4 as uuidv4 } from 'uuid';
import {
  MoU,
  compareTimelineEntries,
  createInMemoryEventStore,
  escapeMermaidText,
  handleCommand,
  readTimeline,
  renderMermaidTimeline,
  renderTextTimeline,
  timelineEntries,
  type LedgerEvent,
  type MoUCommand,
  type TimelineEntry,
  type TimelineSource,
} from '../../src';
import { context } from '../support/context';

const mouId = 'pk-bh-extradition';
const mouStream = `MoU-${mouId}`;

const proposed = (occurredOn: string, title = 'MoU on Extradition'): LedgerEvent => ({
  type: 'MoUProposed',
  occurredOn,
  data: {
    mouId,
    title,
    subject: 'extradition',
    parties: ['PK', 'BH'],
    proposedBy: 'jointly',
    legalCharacter: 'undetermined',
  },
});

const signed = (occurredOn: string, party: 'PK' | 'BH'): LedgerEvent => ({
  type: 'MoUSigned',
  occurredOn,
  data: {
    mouId,
    party,
    signatory: {
      title: party === 'PK' ? 'Federal Minister for Interior' : 'Minister of Interior',
      party,
    },
    place: party === 'PK' ? 'Islamabad' : 'Manama',
  },
});

const withdrawn = (occurredOn: string, reason: string, id = mouId): LedgerEvent => ({
  type: 'MoUWithdrawn',
  occurredOn,
  data: { mouId: id, reason },
});

/** Events as if read in global order, positions 0, 1, 2, ... */
const inOrder = (...events: readonly (readonly [string, LedgerEvent])[]): TimelineSource[] =>
  events.map(([streamId, event], i) => ({ streamId, position: BigInt(i), event }));

const entry = (occurredOn: string, position: number): TimelineEntry => ({
  occurredOn,
  position: BigInt(position),
  streamId: mouStream,
  eventType: 'MoUTermExtended',
  engagement: 'MoU',
  text: `event ${position}`,
});

describe('timelineEntries', () => {
  it('orders events by when they happened in the world, not by when they were recorded', () => {
    const entries = timelineEntries(
      inOrder(
        [mouStream, proposed('2025-09-10')],
        [mouStream, signed('2026-03-02', 'BH')],
        // Recorded later, happened earlier.
        [mouStream, signed('2026-03-01', 'PK')],
      ),
    );
    expect(entries.map((e) => [e.occurredOn, e.position])).toEqual([
      ['2025-09-10', 0n],
      ['2026-03-01', 2n],
      ['2026-03-02', 1n],
    ]);
  });

  it('puts a partial date before the days it may stand for: 2025, then 2025-09, then 2025-09-10', () => {
    const dates = ['2025-09-10', '2025-10', '2025-09', '2024-12-31', '2025', '2025-09-01', '2026'];
    const sorted = dates
      .map((d, i) => entry(d, i))
      .sort(compareTimelineEntries)
      .map((e) => e.occurredOn);
    expect(sorted).toEqual([
      '2024-12-31',
      '2025',
      '2025-09',
      '2025-09-01',
      '2025-09-10',
      '2025-10',
      '2026',
    ]);
  });

  it('keeps the global order among events of the same date', () => {
    const sorted = [entry('2025-09', 3), entry('2025-09', 1), entry('2025-09', 2)].sort(
      compareTimelineEntries,
    );
    expect(sorted.map((e) => e.position)).toEqual([1n, 2n, 3n]);
  });

  it('names an engagement by what an earlier event of its stream said', () => {
    const entries = timelineEntries(
      inOrder(
        [mouStream, proposed('2025-09-10')],
        [mouStream, signed('2026-03', 'PK')],
        ['MoU-other', withdrawn('2026-04', 'abandoned', 'other')],
      ),
    );
    expect(entries.map((e) => e.text)).toEqual([
      'MoU on Extradition proposed jointly by PK and BH',
      'MoU on Extradition signed by PK (Federal Minister for Interior) at Islamabad',
      // The proposal of this one was not read: its id stands in for its title.
      'other withdrawn: abandoned',
    ]);
    expect(entries.map((e) => e.engagement)).toEqual(['MoU', 'MoU', 'MoU']);
  });

  it('describes a meeting, its outcomes, a JWG and a posting in a line each', () => {
    const meeting = 'BilateralMeeting-m1';
    const entries = timelineEntries(
      inOrder(
        [
          meeting,
          {
            type: 'BilateralMeetingHeld',
            occurredOn: '2025-09-10',
            data: {
              meetingId: 'm1',
              parties: ['PK', 'BH'],
              hostParty: 'PK',
              venue: 'Islamabad',
              delegations: [],
            },
          },
        ],
        [
          meeting,
          {
            type: 'MeetingOutcomeRecorded',
            occurredOn: '2025-09-10',
            data: {
              meetingId: 'm1',
              outcomeId: 'o1',
              kind: 'agreed',
              summary: 'to establish a Joint Working Group',
            },
          },
        ],
        [
          'JointWorkingGroup-j1',
          {
            type: 'JointWorkingGroupEstablished',
            occurredOn: '2025-09-10',
            data: {
              jwgId: 'j1',
              name: 'JWG',
              parties: ['PK', 'BH'],
              sectors: ['counterNarcotics', 'immigration', { custom: 'cyber security' }],
            },
          },
        ],
        [
          'DrugLiaisonPosting-p1',
          {
            type: 'DrugLiaisonPostingAnnounced',
            occurredOn: '2025-09-10',
            data: {
              postingId: 'p1',
              sendingState: 'BH',
              hostState: 'PK',
              mission: 'Embassy of Bahrain, Islamabad',
              hostApprovalRequired: false,
            },
          },
        ],
      ),
    );
    expect(entries.map((e) => `${e.engagement} | ${e.text}`)).toEqual([
      'Bilateral meeting | Meeting of PK and BH held at Islamabad (host PK)',
      'Bilateral meeting | PK and BH agreed to establish a Joint Working Group',
      'Joint Working Group | JWG established (3 sectors)',
      'Drug liaison posting | BH announced a drug liaison posting at Embassy of Bahrain, Islamabad (host PK)',
    ]);
  });
});

describe('renderMermaidTimeline', () => {
  const entries = timelineEntries(
    inOrder(
      [mouStream, proposed('2025-09-10', 'MoU: extradition; first draft #1 <b> 100% & more')],
      [mouStream, signed('2025', 'PK')],
      [mouStream, withdrawn('2026-01', 'talks ended:\nno agreement')],
    ),
  );
  const mermaid = renderMermaidTimeline(entries, { title: 'PK: BH' });
  const lines = mermaid.trimEnd().split('\n');

  it('has a section per date, in timeline order, and a period per kind of engagement', () => {
    expect(lines[0]).toBe('timeline');
    expect(lines[1]).toBe('  title PK#58; BH');
    expect(lines.filter((l) => l.trimStart().startsWith('section '))).toEqual([
      '  section 2025',
      '  section 2025-09-10',
      '  section 2026-01',
    ]);
    expect(lines.filter((l) => l === '    MoU')).toHaveLength(3);
  });

  it('writes colons, semicolons, comment and HTML characters as entity codes', () => {
    expect(mermaid).toContain(
      '      : MoU#58; extradition#59; first draft #35;1 #lt;b#gt; 100#37; #amp; more proposed jointly by PK and BH',
    );
    // A line break inside a text would start a new statement: it becomes a space.
    expect(mermaid).toContain(
      '      : MoU#58; extradition#59; first draft #35;1 #lt;b#gt; 100#37; #amp; more withdrawn#58; talks ended#58; no agreement',
    );
    // Once the entity codes are set aside, the only colons left are those that start an event.
    for (const line of lines.slice(1))
      expect(line.replace(/^ {6}: /, '').replace(/#\w+;/g, '')).not.toMatch(/[:;#%<>&\n]/);
  });

  it('escapes each special character once', () => {
    expect(escapeMermaidText('a:b;c#d%e<f>g&h')).toBe('a#58;b#59;c#35;d#37;e#lt;f#gt;g#amp;h');
    expect(escapeMermaidText('#58;')).toBe('#35;58#59;');
    expect(escapeMermaidText('one\r\n  two')).toBe('one two');
  });

  it('renders an empty timeline as the bare diagram', () => {
    expect(renderMermaidTimeline([])).toBe('timeline\n');
  });
});

describe('renderTextTimeline', () => {
  it('prints each date once, then its events in order, with the text as it is', () => {
    const entries = timelineEntries(
      inOrder(
        [mouStream, proposed('2025-09-10')],
        [mouStream, signed('2025-09', 'PK')],
        [mouStream, signed('2025-09-10', 'BH')],
      ),
    );
    expect(renderTextTimeline(entries, { title: 'MoU: PK and BH' })).toBe(
      [
        'MoU: PK and BH',
        '',
        '2025-09',
        '  MoU: MoU on Extradition signed by PK (Federal Minister for Interior) at Islamabad',
        '2025-09-10',
        '  MoU: MoU on Extradition proposed jointly by PK and BH',
        '  MoU: MoU on Extradition signed by BH (Minister of Interior) at Manama',
        '',
      ].join('\n'),
    );
  });
});

describe('readTimeline', () => {
  const propose = {
    type: 'ProposeMoU',
    mouId,
    title: 'MoU on Extradition',
    subject: 'extradition',
    parties: ['PK', 'BH'],
    proposedBy: 'PK',
    legalCharacter: 'undetermined',
    occurredOn: '2025-09-10',
  } satisfies MoUCommand;

  it('reads every recorded event of the store onto the timeline', async () => {
    const store = createInMemoryEventStore();
    expect(E.isRight(await handleCommand(store, MoU, propose, context()))).toBe(true);
    expect(
      E.isRight(
        await handleCommand(
          store,
          MoU,
          { type: 'WithdrawMoU', mouId, reason: 'overtaken by a treaty', occurredOn: '2025' },
          context(),
        ),
      ),
    ).toBe(true);
    const timeline = await readTimeline(store);
    expect(E.isRight(timeline) && timeline.right.map((e) => [e.occurredOn, e.text])).toEqual([
      ['2025', 'MoU on Extradition withdrawn: overtaken by a treaty'],
      ['2025-09-10', 'MoU on Extradition proposed by PK'],
    ]);
  });

  it('stops at an event it cannot decode and names it', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream(
      mouStream,
      [{ eventId: uuidv4(), type: 'MoUProposed', data: '{"not":"an MoU"}', metadata: '{}' }],
      { expectedRevision: 'any' },
    );
    const timeline = await readTimeline(store);
    expect(E.isLeft(timeline) && timeline.left.streamId).toBe(mouStream);
  });
});
