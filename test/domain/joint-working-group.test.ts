import * as E from 'fp-ts/Either';
import {
  JointWorkingGroup,
  openActionItems,
  sameSector,
  sectorLabel,
  type JointWorkingGroupCommand,
  type JointWorkingGroupRule,
  type JointWorkingGroupState,
} from '../../src/domain/joint-working-group';
import type { Post } from '../../src/domain/shared/post';
import { handleCommand, loadState } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { createKeyedInMemoryStore } from '../support/keyed-store';
import { commandSpecification } from '../../src/testing';
import { context, recordingIn2040, snapshot } from '../support/context';

type CommandOf<Type extends JointWorkingGroupCommand['type']> = Extract<
  JointWorkingGroupCommand,
  { type: Type }
>;

const jwgId = 'jwg-pk-bh-security';
const streamId = `JointWorkingGroup-${jwgId}`;

const naqvi: Post = {
  title: 'Federal Minister for Interior',
  party: 'PK',
  holder: 'Mohsin Naqvi',
  holderId: 'person:pk-1',
};
const chaudhry: Post = {
  title: 'Minister of State for Interior',
  party: 'PK',
  holder: 'Talal Chaudhry',
  holderId: 'person:pk-2',
};
const alKhalifa: Post = {
  title: 'Minister of Interior',
  party: 'BH',
  holder: 'Lt Gen Rashid bin Abdullah Al Khalifa',
  holderId: 'person:bh-1',
};

const establish: JointWorkingGroupCommand = {
  type: 'EstablishJointWorkingGroup',
  jwgId,
  name: 'Pakistan–Bahrain Joint Working Group on Security and Law Enforcement',
  parties: ['PK', 'BH'],
  sectors: [
    'counterNarcotics',
    'counterTerrorism',
    'coastGuardOperations',
    'borderSecurity',
    'immigration',
    'policeTraining',
  ],
  occurredOn: '2025-09-10',
};
const designate = (post: Post, occurredOn = '2025-10-01'): CommandOf<'DesignateCoChair'> => ({
  type: 'DesignateCoChair',
  jwgId,
  party: post.party,
  post,
  occurredOn,
});
const schedule = (
  round: number,
  scheduledOn: string,
  overrides: Partial<CommandOf<'ScheduleMeeting'>> = {},
): CommandOf<'ScheduleMeeting'> => ({
  type: 'ScheduleMeeting',
  jwgId,
  round,
  hostParty: 'PK',
  venue: 'Ministry of Interior, Islamabad',
  scheduledOn,
  occurredOn: '2025-10-01',
  ...overrides,
});
const postpone = (round: number, newDate: string): CommandOf<'PostponeMeeting'> => ({
  type: 'PostponeMeeting',
  jwgId,
  round,
  newDate,
  occurredOn: '2025-11-01',
});
const hold = (
  round: number,
  occurredOn: string,
  overrides: Partial<CommandOf<'RecordMeetingHeld'>> = {},
): CommandOf<'RecordMeetingHeld'> => ({
  type: 'RecordMeetingHeld',
  jwgId,
  round,
  hostParty: 'PK',
  venue: 'Ministry of Interior, Islamabad',
  delegations: [
    { party: 'PK', head: chaudhry },
    { party: 'BH', head: alKhalifa },
  ],
  occurredOn,
  ...overrides,
});
const action = (
  actionId: string,
  overrides: Partial<CommandOf<'RecordActionItem'>> = {},
): CommandOf<'RecordActionItem'> => ({
  type: 'RecordActionItem',
  jwgId,
  actionId,
  round: 1,
  ownerParty: 'PK',
  description: 'circulate a draft text of the extradition MoU',
  occurredOn: '2025-12-03',
  ...overrides,
});
const close = (actionId: string, occurredOn = '2026-01-15'): CommandOf<'CloseActionItem'> => ({
  type: 'CloseActionItem',
  jwgId,
  actionId,
  outcome: 'completed',
  occurredOn,
});
const addSector = (sector: CommandOf<'AddSector'>['sector']): CommandOf<'AddSector'> => ({
  type: 'AddSector',
  jwgId,
  sector,
  occurredOn: '2026-02',
});
const dissolve = (occurredOn = '2027-06'): CommandOf<'DissolveJointWorkingGroup'> => ({
  type: 'DissolveJointWorkingGroup',
  jwgId,
  reason: 'work taken over by a standing security dialogue',
  occurredOn,
});

/** A store holding the history the given commands produce; any refusal fails the test. */
const given = async (...commands: JointWorkingGroupCommand[]): Promise<EventStore> => {
  const store = createKeyedInMemoryStore({ now: recordingIn2040 });
  for (const command of commands) {
    const result = await handleCommand(store, JointWorkingGroup, command, context());
    if (E.isLeft(result)) throw new Error(`setting up ${command.type}: ${result.left.message}`);
  }
  return store;
};

const stateOf = async (store: EventStore): Promise<JointWorkingGroupState> => {
  const loaded = await loadState(store, JointWorkingGroup, jwgId);
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return loaded.right.state;
};

const active = (state: JointWorkingGroupState) => {
  if (state.status === 'notEstablished') throw new Error('expected an established group');
  return state;
};

describe('JointWorkingGroup', () => {
  it('records the group from its agreement to its dissolution', async () => {
    const store = createKeyedInMemoryStore({ now: recordingIn2040 });
    const run = async (command: JointWorkingGroupCommand) => {
      const result = await handleCommand(store, JointWorkingGroup, command, context());
      if (E.isLeft(result)) throw new Error(`${command.type}: ${result.left.message}`);
      return result.right;
    };

    const established = await run(establish);
    expect(established.events.map((e) => e.type)).toEqual(['JointWorkingGroupEstablished']);
    expect(active(established.state).sectors.map(sectorLabel)).toEqual([
      'Counter-narcotics',
      'Counter-terrorism',
      'Coast guard operations',
      'Border security',
      'Immigration',
      'Police training',
    ]);
    expect(active(established.state).establishedOn).toBe('2025-09-10');

    await run(designate(naqvi));
    await run(designate(alKhalifa));
    const replaced = await run(designate(chaudhry, '2025-11'));
    expect(replaced.events).toEqual([
      {
        type: 'CoChairDesignated',
        occurredOn: '2025-11',
        data: { jwgId, party: 'PK', post: chaudhry, replaces: naqvi },
      },
    ]);

    await run(schedule(1, '2025-11-15'));
    const postponed = await run(postpone(1, '2025-12-03'));
    expect(active(postponed.state).scheduledMeetings).toEqual([
      {
        round: 1,
        hostParty: 'PK',
        venue: 'Ministry of Interior, Islamabad',
        scheduledOn: '2025-12-03',
        arrangedOn: '2025-11-01',
        postponedFrom: ['2025-11-15'],
      },
    ]);

    const held = await run(hold(1, '2025-12-03'));
    expect(active(held.state).scheduledMeetings).toEqual([]);
    expect(active(held.state).lastHeldRound).toBe(1);

    await run(action('a1', { dueOn: '2026-03' }));
    await run(
      action('a2', {
        ownerParty: 'BH',
        description: 'name the Drug Liaison Officer for Islamabad',
      }),
    );
    await run(close('a2'));
    await run(addSector({ custom: 'Cyber security' }));

    const beforeDissolution = await stateOf(store);
    expect(openActionItems(beforeDissolution).map((a) => a.actionId)).toEqual(['a1']);

    const dissolved = await run(dissolve());
    const state = dissolved.state;
    expect(state).toEqual(await stateOf(store));
    if (state.status !== 'dissolved') throw new Error(`expected dissolved, got ${state.status}`);
    expect(state.dissolvedOn).toBe('2027-06');
    expect(state.sectors).toHaveLength(7);
    expect(sectorLabel(state.sectors[6] ?? 'immigration')).toBe('Cyber security');
    expect(state.coChairs).toEqual([
      {
        party: 'PK',
        post: chaudhry,
        since: '2025-11',
        former: [{ post: naqvi, from: '2025-10-01', until: '2025-11' }],
      },
      { party: 'BH', post: alKhalifa, since: '2025-10-01', former: [] },
    ]);
    expect(state.heldMeetings.map((m) => [m.round, m.hostParty, m.occurredOn])).toEqual([
      [1, 'PK', '2025-12-03'],
    ]);
    expect(state.actionItems.map((a) => [a.actionId, a.status])).toEqual([
      ['a1', 'open'],
      ['a2', 'closed'],
    ]);
    expect(state.actionItems[0]).toMatchObject({ dueOn: '2026-03', recordedOn: '2025-12-03' });
    expect(state.actionItems[1]).toMatchObject({ outcome: 'completed', closedOn: '2026-01-15' });
    expect(dissolved.revision).toBe(11n);

    const types = ((await snapshot(store, streamId)) as { type: string }[]).map((e) => e.type);
    expect(types).toEqual([
      'JointWorkingGroupEstablished',
      'CoChairDesignated',
      'CoChairDesignated',
      'CoChairDesignated',
      'MeetingScheduled',
      'MeetingPostponed',
      'MeetingHeld',
      'ActionItemRecorded',
      'ActionItemRecorded',
      'ActionItemClosed',
      'SectorAdded',
      'JointWorkingGroupDissolved',
    ]);
  });

  interface RefusalCase {
    readonly name: string;
    readonly history: readonly JointWorkingGroupCommand[];
    readonly command: JointWorkingGroupCommand;
  }
  const afterRound1 = [establish, schedule(1, '2025-11-15'), hold(1, '2025-12-03')] as const;

  /** Keyed by rule, so that adding a rule without a test does not compile. */
  const refusals: { readonly [R in JointWorkingGroupRule]: readonly RefusalCase[] } = {
    PartiesMustDiffer: [
      { name: 'same party twice', history: [], command: { ...establish, parties: ['PK', 'PK'] } },
    ],
    AtLeastOneSector: [{ name: 'no sectors', history: [], command: { ...establish, sectors: [] } }],
    SectorAlreadyCovered: [
      {
        name: 'a custom sector listed twice, differing in case and spaces',
        history: [],
        command: {
          ...establish,
          sectors: ['immigration', { custom: 'Cyber security' }, { custom: '  cyber   SECURITY ' }],
        },
      },
      {
        name: 'a known sector listed twice',
        history: [],
        command: { ...establish, sectors: ['immigration', 'policeTraining', 'immigration'] },
      },
      {
        name: 'adding a known sector already covered',
        history: [establish],
        command: addSector('borderSecurity'),
      },
      {
        name: 'adding a custom sector already covered, written differently',
        history: [establish, addSector({ custom: 'Cyber security' })],
        command: addSector({ custom: 'CYBERSECURITY' }),
      },
    ],
    CustomSectorNamesAKnownSector: [
      {
        name: 'a known sector written as custom when establishing',
        history: [],
        command: { ...establish, sectors: [{ custom: 'Counter narcotics' }] },
      },
      {
        name: 'a known sector written as custom when adding',
        history: [{ ...establish, sectors: ['immigration'] }],
        command: addSector({ custom: 'police-training' }),
      },
    ],
    AlreadyEstablished: [{ name: 'established twice', history: [establish], command: establish }],
    NotEstablished: [
      designate(naqvi),
      addSector('immigration'),
      schedule(1, '2025-11-15'),
      postpone(1, '2025-12'),
      hold(1, '2025-12-03'),
      action('a1'),
      close('a1'),
      dissolve(),
    ].map((command) => ({ name: `${command.type} first`, history: [], command })),
    AlreadyDissolved: [
      addSector({ custom: 'Cyber security' }),
      designate(chaudhry),
      hold(2, '2027-09'),
      dissolve('2027-07'),
      establish,
    ].map((command) => ({
      name: `${command.type} after dissolution`,
      history: [establish, dissolve()],
      command,
    })),
    DatedBeforeEstablishment: [
      {
        name: 'a co-chair designated before the agreement',
        history: [establish],
        command: designate(naqvi, '2025-08-20'),
      },
      {
        name: 'a round scheduled for a date before the agreement',
        history: [establish],
        command: schedule(1, '2025-09-01'),
      },
    ],
    CoChairMustBeOfAParty: [
      {
        name: 'a co-chair for a third state',
        history: [establish],
        command: designate({ title: 'Minister of Home Affairs', party: 'IN' }),
      },
    ],
    CoChairPostMustActForItsParty: [
      {
        name: "a Bahraini post in Pakistan's chair",
        history: [establish],
        command: { ...designate(alKhalifa), party: 'PK' },
      },
    ],
    CoChairAlreadyDesignated: [
      {
        name: 'the same post and holder again',
        history: [establish, designate(naqvi)],
        command: designate(naqvi, '2025-12'),
      },
    ],
    HostMustBeAParty: [
      {
        name: 'scheduled with a third state as host',
        history: [establish],
        command: schedule(1, '2025-11-15', { hostParty: 'AE' }),
      },
      {
        name: 'held with a third state as host',
        history: [establish],
        command: hold(1, '2025-12-03', { hostParty: 'AE' }),
      },
    ],
    MeetingRoundsMustIncrease: [
      {
        name: 'scheduling a round already held',
        history: afterRound1,
        command: schedule(1, '2026-04'),
      },
      { name: 'holding a round twice', history: afterRound1, command: hold(1, '2026-04') },
      {
        name: 'holding an earlier round after a later one',
        history: [establish, hold(3, '2025-12-03')],
        command: hold(2, '2026-04'),
      },
    ],
    MeetingAlreadyScheduled: [
      {
        name: 'the same round scheduled twice',
        history: [establish, schedule(1, '2025-11-15')],
        command: schedule(1, '2025-12-01'),
      },
    ],
    MeetingBeforePreviousRound: [
      {
        name: 'a round held before the previous one',
        history: afterRound1,
        command: hold(2, '2025-11'),
      },
      {
        name: 'a round scheduled before the previous one was held',
        history: afterRound1,
        command: schedule(2, '2025-11-30'),
      },
    ],
    DelegationMustBeOfAParty: [
      {
        name: 'a delegation of a third state',
        history: [establish],
        command: hold(1, '2025-12-03', {
          delegations: [{ party: 'SA', head: { title: 'Minister of Interior', party: 'SA' } }],
        }),
      },
    ],
    DelegationHeadMustActForItsParty: [
      {
        name: 'a Pakistani post heading the Bahraini delegation',
        history: [establish],
        command: hold(1, '2025-12-03', { delegations: [{ party: 'BH', head: naqvi }] }),
      },
    ],
    DelegationListedTwice: [
      {
        name: 'two delegations of one party',
        history: [establish],
        command: hold(1, '2025-12-03', {
          delegations: [
            { party: 'PK', head: naqvi },
            { party: 'PK', head: chaudhry },
          ],
        }),
      },
    ],
    DelegationMemberMustActForItsParty: [
      {
        name: 'a Pakistani post in the Bahraini delegation',
        history: [establish],
        command: hold(1, '2025-12-03', {
          delegations: [
            {
              party: 'BH',
              head: { title: 'Minister of Interior', party: 'BH' },
              members: [chaudhry],
            },
          ],
        }),
      },
    ],
    MeetingNotScheduled: [
      { name: 'a round never scheduled', history: [establish], command: postpone(1, '2025-12') },
      { name: 'a round already held', history: afterRound1, command: postpone(1, '2026-01') },
      {
        name: 'a round passed over by a later one',
        history: [establish, schedule(2, '2026-01'), hold(3, '2025-12-03')],
        command: postpone(2, '2026-02'),
      },
    ],
    PostponementMustChangeDate: [
      {
        name: 'to the date already set',
        history: [establish, schedule(1, '2025-11-15')],
        command: postpone(1, '2025-11-15'),
      },
    ],
    PostponementMustBeLater: [
      {
        name: 'to an earlier date',
        history: [establish, schedule(1, '2025-11-15')],
        command: postpone(1, '2025-11-01'),
      },
    ],
    ActionItemNeedsHeldMeeting: [
      {
        name: 'against a round only scheduled',
        history: [establish, schedule(1, '2025-11-15')],
        command: action('a1'),
      },
      {
        name: 'against a round never held',
        history: afterRound1,
        command: action('a1', { round: 2 }),
      },
    ],
    ActionItemAlreadyRecorded: [
      {
        name: 'an id used twice',
        history: [...afterRound1, action('a1')],
        command: action('a1', { ownerParty: 'BH', description: 'another task' }),
      },
    ],
    ActionOwnerMustBeAParty: [
      {
        name: 'owned by a third state',
        history: afterRound1,
        command: action('a1', { ownerParty: 'AE' }),
      },
    ],
    ActionItemBeforeMeeting: [
      {
        name: 'recorded before the round that set it',
        history: afterRound1,
        command: action('a1', { occurredOn: '2025-11-20' }),
      },
    ],
    ActionItemDueBeforeMeeting: [
      {
        name: 'due before the round that set it',
        history: afterRound1,
        command: action('a1', { dueOn: '2025-11' }),
      },
    ],
    ActionItemUnknown: [
      { name: 'an id never recorded', history: afterRound1, command: close('a9') },
    ],
    ActionItemAlreadyClosed: [
      {
        name: 'closed twice',
        history: [...afterRound1, action('a1'), close('a1')],
        command: close('a1', '2026-02'),
      },
    ],
    ActionClosedBeforeRecorded: [
      {
        name: 'closed before it was recorded',
        history: [...afterRound1, action('a1', { occurredOn: '2025-12-10' })],
        command: close('a1', '2025-12-05'),
      },
    ],
    DissolvedBeforeLastMeeting: [
      {
        name: 'dissolved before its last round',
        history: afterRound1,
        command: dissolve('2025-11-30'),
      },
    ],
    DissolvedBeforeEarlierStep: [
      {
        name: 'dissolved before a co-chair it had was designated',
        history: [establish, designate(naqvi, '2026-02')],
        command: dissolve('2026-01'),
      },
      {
        name: 'dissolved before an action item was closed',
        history: [...afterRound1, action('a1'), close('a1', '2026-03-01')],
        command: dissolve('2026-02'),
      },
    ],
    ReplacedBeforeDesignation: [
      {
        name: 'a replacement dated before the designation it ends',
        history: [establish, designate(naqvi, '2025-11-20')],
        command: designate(chaudhry, '2025-11-01'),
      },
    ],
    MeetingScheduledInThePast: [
      {
        name: 'scheduled for a day already past',
        history: [establish],
        command: schedule(1, '2025-09-30', { occurredOn: '2025-10-01' }),
      },
      {
        name: 'postponed to a day already past',
        history: [establish, schedule(1, '2025-10-15')],
        command: { ...postpone(1, '2025-10-20'), occurredOn: '2025-10-25' },
      },
    ],
    MeetingHeldBeforeScheduled: [
      {
        name: 'held before it was scheduled',
        history: [establish, schedule(1, '2025-11-15', { occurredOn: '2025-10-20' })],
        command: hold(1, '2025-10-10'),
      },
    ],
    PostponedBeforeScheduled: [
      {
        name: 'postponed before it was scheduled',
        history: [establish, schedule(1, '2025-11-15', { occurredOn: '2025-11-05' })],
        command: postpone(1, '2025-12-01'),
      },
    ],
  };

  const table = Object.entries(refusals).flatMap(([rule, cases]) =>
    cases.map((c) => [rule, c.name, c] as const),
  );

  // Through the whole command handler: refused by the rule named, with an explanation, and
  // the stream left exactly as it was.
  const jwg = commandSpecification(JointWorkingGroup, {
    recordedBy: context(),
    store: () => createKeyedInMemoryStore({ now: recordingIn2040 }),
  });
  it.each(table)('refuses %s (%s) and leaves the stream unchanged', async (rule, _name, c) => {
    await jwg
      .given(c.history)
      .when(c.command)
      .thenRefused(rule as JointWorkingGroupRule, /.{21}/);
  });

  it('accepts meetings that do not alternate between capitals', async () => {
    const store = await given(...afterRound1);
    const result = await handleCommand(
      store,
      JointWorkingGroup,
      hold(2, '2026-05-20', { hostParty: 'PK' }),
      context(),
    );
    expect(E.isRight(result)).toBe(true);
    expect(active(await stateOf(store)).heldMeetings.map((m) => m.hostParty)).toEqual(['PK', 'PK']);
  });

  it('never refuses on a date that is only imprecise', async () => {
    const store = await given(
      establish,
      designate(naqvi, '2025-09'),
      schedule(1, '2025-11'),
      postpone(1, '2025-11-20'),
      hold(1, '2025-12'),
      action('a1', { occurredOn: '2025-12-01', dueOn: '2025' }),
      close('a1', '2025-12'),
      dissolve('2025-12'),
    );
    expect((await stateOf(store)).status).toBe('dissolved');
  });

  it('shows the post a new co-chair replaces, and keeps the old one in history', async () => {
    const store = await given(establish, designate(naqvi));
    const result = await handleCommand(
      store,
      JointWorkingGroup,
      designate({ ...naqvi, holder: 'a successor', holderId: 'person:pk-3' }, '2026-03'),
      context(),
    );
    if (E.isLeft(result)) throw new Error(result.left.message);
    expect(result.right.events[0]?.data).toMatchObject({ replaces: naqvi });
    const pk = active(result.right.state).coChairs.filter((s) => s.party === 'PK');
    expect(pk).toHaveLength(1);
    expect(pk[0]?.former.map((f) => f.post)).toEqual([naqvi]);
  });

  it('leaves `replaces` out when a party gets its first co-chair', async () => {
    const store = await given(establish);
    const result = await handleCommand(store, JointWorkingGroup, designate(naqvi), context());
    if (E.isLeft(result)) throw new Error(result.left.message);
    expect(result.right.events[0]?.data).not.toHaveProperty('replaces');
  });

  describe('sectors', () => {
    it('treat custom names alike regardless of case and spaces', () => {
      expect(sameSector({ custom: 'Cyber security' }, { custom: ' cyber  SECURITY' })).toBe(true);
      expect(sameSector({ custom: 'Cyber security' }, { custom: 'Maritime security' })).toBe(false);
      expect(sameSector('immigration', 'borderSecurity')).toBe(false);
    });

    it('label a custom sector by the name it was given', () => {
      expect(sectorLabel({ custom: ' Cyber security ' })).toBe('Cyber security');
      expect(sectorLabel('coastGuardOperations')).toBe('Coast guard operations');
    });
  });

  describe('refuses malformed commands, naming the path and appending nothing', () => {
    /** Deliberately malformed input, as a caller without types could send it. */
    const raw = (command: object): JointWorkingGroupCommand => command as JointWorkingGroupCommand;

    it.each([
      [
        'a misspelt known sector',
        [],
        raw({ ...establish, sectors: ['immigration', 'counterNarcotic'] }),
        'EstablishJointWorkingGroup.sectors.1',
      ],
      [
        'a custom sector written as a bare string',
        [establish],
        raw({ type: 'AddSector', jwgId, sector: 'cyber security', occurredOn: '2026' }),
        'AddSector.sector',
      ],
      [
        'an empty custom sector',
        [establish],
        raw({ type: 'AddSector', jwgId, sector: { custom: '  ' }, occurredOn: '2026' }),
        'AddSector.sector.custom',
      ],
      [
        'a party code outside ISO 3166-1',
        [],
        raw({ ...establish, parties: ['PK', 'XX'] }),
        'EstablishJointWorkingGroup.parties.1',
      ],
      [
        'a co-chair for a lower-case party code',
        [establish],
        raw({ ...designate(naqvi), party: 'pk' }),
        'DesignateCoChair.party',
      ],
      [
        'a month that does not exist',
        [],
        raw({ ...establish, occurredOn: '2025-13-01' }),
        'EstablishJointWorkingGroup.occurredOn',
      ],
      [
        'a date written in words',
        [establish],
        raw({ ...schedule(1, '2025-11-15'), scheduledOn: '15 Nov 2025' }),
        'ScheduleMeeting.scheduledOn',
      ],
      [
        'round zero',
        [establish],
        raw({ ...hold(1, '2025-12-03'), round: 0 }),
        'RecordMeetingHeld.round',
      ],
    ] as const)('%s', async (_name, history, command, path) => {
      const store = await given(...history);
      const before = await snapshot(store, streamId);
      const result = await handleCommand(store, JointWorkingGroup, command, context());
      if (E.isRight(result)) throw new Error('expected the command to be refused');
      expect(result.left.kind).toBe('InvalidCommand');
      expect(result.left.message).toContain(path);
      expect(await snapshot(store, streamId)).toEqual(before);
    });
  });
});
