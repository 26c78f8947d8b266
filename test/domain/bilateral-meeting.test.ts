import * as E from 'fp-ts/Either';
import { handleCommand, loadState } from '../../src/kernel/command-handler';
import { BilateralMeeting } from '../../src/domain/bilateral-meeting';
import type { BilateralMeetingCommand } from '../../src/domain/bilateral-meeting';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context, recordingIn2040, snapshot } from '../support/context';

const held: BilateralMeetingCommand = {
  type: 'RecordBilateralMeeting',
  meetingId: 'pk-bh-interior-2025-09-10',
  parties: ['PK', 'BH'],
  hostParty: 'PK',
  venue: 'Ministry of Interior, Islamabad',
  occurredOn: '2025-09-10',
  delegations: [
    { party: 'PK', head: { title: 'Federal Minister for Interior', party: 'PK' } },
    { party: 'BH', head: { title: 'Minister of Interior', party: 'BH' } },
  ],
};
const streamId = 'BilateralMeeting-pk-bh-interior-2025-09-10';

describe('BilateralMeeting', () => {
  it('records a meeting, its outcomes and facts', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    expect(E.isRight(await handleCommand(store, BilateralMeeting, held, context()))).toBe(true);
    const outcome = await handleCommand(
      store,
      BilateralMeeting,
      {
        type: 'RecordMeetingOutcome',
        meetingId: held.meetingId,
        outcomeId: 'jwg-agreed',
        kind: 'agreed',
        summary: 'to establish a Joint Working Group',
        occurredOn: '2025-09-10',
        leadsTo: [{ aggregate: 'JointWorkingGroup', id: 'jwg-pk-bh' }],
      },
      context(),
    );
    expect(E.isRight(outcome)).toBe(true);
    const loaded = await loadState(store, BilateralMeeting, held.meetingId);
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    const state = loaded.right.state;
    expect(state.status).toBe('held');
    if (state.status === 'held') {
      expect(state.outcomes.map((o) => o.outcomeId)).toEqual(['jwg-agreed']);
      expect(state.hostParty).toBe('PK');
    }
    expect(loaded.right.revision).toBe(1n);
  });

  it.each([
    ['PartiesMustDiffer', { ...held, parties: ['PK', 'PK'] }],
    ['HostMustBeAParty', { ...held, hostParty: 'IN' }],
    [
      'DelegationHeadMustActForItsParty',
      { ...held, delegations: [{ party: 'BH', head: { title: 'Minister', party: 'PK' } }] },
    ],
    [
      'DelegationListedTwice',
      {
        ...held,
        delegations: [
          { party: 'BH', head: { title: 'Minister', party: 'BH' } },
          { party: 'BH', head: { title: 'Under-Secretary', party: 'BH' } },
        ],
      },
    ],
    [
      'DelegationMemberMustActForItsParty',
      {
        ...held,
        delegations: [
          {
            party: 'PK',
            head: { title: 'Federal Minister for Interior', party: 'PK' },
            members: [{ title: 'Ambassador', party: 'BH' }],
          },
        ],
      },
    ],
  ] as const)('refuses %s and appends nothing', async (rule, command) => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const result = await handleCommand(
      store,
      BilateralMeeting,
      command as BilateralMeetingCommand,
      context(),
    );
    expect(result).toEqual(E.left(expect.objectContaining({ kind: 'RuleViolated', rule })));
    expect(await snapshot(store, streamId)).toEqual([]);
  });

  it('refuses fields it does not know instead of dropping them, and records nothing', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const withExtras = {
      ...held,
      note: 'not part of the record',
      delegations: [{ party: 'PK', head: { title: 'Minister', party: 'PK', secret: 'x' } }],
    };
    const result = await handleCommand(
      store,
      BilateralMeeting,
      withExtras as BilateralMeetingCommand,
      context(),
    );
    expect(E.isLeft(result) && result.left.kind).toBe('InvalidCommand');
    const paths =
      E.isLeft(result) && result.left.kind === 'InvalidCommand'
        ? result.left.issues.map((i) => i.path)
        : [];
    expect(paths.sort()).toEqual([
      'RecordBilateralMeeting.delegations.0.head.secret',
      'RecordBilateralMeeting.note',
    ]);
    expect(await snapshot(store, streamId)).toEqual([]);
  });

  it('refuses a party code that is not in ISO 3166-1, naming the path', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const result = await handleCommand(
      store,
      BilateralMeeting,
      { ...held, parties: ['PK', 'XX'] },
      context(),
    );
    expect(E.isLeft(result) && result.left.kind).toBe('InvalidCommand');
    expect(E.isLeft(result) && result.left.message).toContain('parties.1');
    expect(await snapshot(store, streamId)).toEqual([]);
  });
});
