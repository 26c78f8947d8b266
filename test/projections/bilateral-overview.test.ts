import * as E from 'fp-ts/Either';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import {
  DrugLiaisonPosting,
  JointWorkingGroup,
  MoU,
  bilateralOverview,
  bilateralOverviews,
  createInMemoryEventStore,
  formatBilateralOverview,
  handleCommand,
  loadState,
  readCurrentStates,
  type Aggregate,
  type CurrentStates,
  type DomainEvent,
  type EventStore,
} from '../../src';
import { context } from '../support/context';

const must = async <
  C extends { readonly type: string },
  Ev extends DomainEvent,
  S,
  R extends string,
>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, R>,
  command: C,
): Promise<void> => {
  const result = await handleCommand(store, aggregate, command, context());
  if (E.isLeft(result)) throw new Error(result.left.message);
};

const states = async (store: EventStore): Promise<CurrentStates> => {
  const result = await readCurrentStates(store);
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

/** The 10 Sep 2025 record, then what might follow: a text, a signature, a round, an officer. */
const laterHistory = async (): Promise<EventStore> => {
  const store = createInMemoryEventStore();
  await recordPakistanBahrain2025(store);
  const mouId = 'pk-bh-extradition';
  await must(store, MoU, {
    type: 'AgreeText',
    mouId,
    textVersion: 1,
    textDigest: 'a'.repeat(64),
    occurredOn: '2026-01',
  });
  await must(store, MoU, {
    type: 'SignMoU',
    mouId,
    party: 'PK',
    signatory: { title: 'Federal Minister for Interior', party: 'PK' },
    place: 'Islamabad',
    occurredOn: '2026-02-03',
  });
  const jwgId = 'pk-bh-interior-jwg';
  await must(store, JointWorkingGroup, {
    type: 'RecordMeetingHeld',
    jwgId,
    round: 1,
    hostParty: 'BH',
    venue: 'Manama',
    delegations: [],
    occurredOn: '2026-03-15',
  });
  await must(store, JointWorkingGroup, {
    type: 'RecordActionItem',
    jwgId,
    actionId: 'exchange-contact-points',
    round: 1,
    ownerParty: 'PK',
    description: 'name contact points for counter-narcotics',
    dueOn: '2026-05',
    occurredOn: '2026-03-15',
  });
  const postingId = 'bh-dlo-islamabad';
  await must(store, DrugLiaisonPosting, {
    type: 'NominateOfficer',
    postingId,
    officer: { title: 'Drug Liaison Officer', party: 'BH' },
    occurredOn: '2025-11',
  });
  await must(store, DrugLiaisonPosting, {
    type: 'NotifyAppointment',
    postingId,
    noteVerbaleRef: 'NV-2025-118',
    occurredOn: '2025-12-01',
  });
  await must(store, DrugLiaisonPosting, {
    type: 'AssumeDuties',
    postingId,
    tourEndsOn: '2028-12',
    occurredOn: '2026-01-05',
  });
  await must(store, MoU, {
    type: 'ProposeMoU',
    mouId: 'pk-sa-customs',
    title: 'MoU on Customs Cooperation',
    subject: 'customs',
    parties: ['SA', 'PK'],
    proposedBy: 'SA',
    legalCharacter: 'nonBinding',
    occurredOn: '2026-04',
  });
  return store;
};

describe('the bilateral overview', () => {
  it('shows who has yet to sign, open action items and the officer on duty', async () => {
    const overview = bilateralOverview(await states(await laterHistory()), ['PK', 'BH']);
    expect(overview.parties).toEqual(['BH', 'PK']);
    const extradition = overview.mous.find((m) => m.mouId === 'pk-bh-extradition');
    expect(extradition).toMatchObject({
      status: 'partlySigned',
      signedBy: ['PK'],
      yetToSign: ['BH'],
    });
    expect(overview.mous.filter((m) => m.status === 'proposed')).toHaveLength(2);
    const [jwg] = overview.jointWorkingGroups;
    expect(jwg?.lastHeldRound).toBe(1);
    expect(jwg?.openActionItems).toEqual([
      {
        actionId: 'exchange-contact-points',
        round: 1,
        ownerParty: 'PK',
        description: 'name contact points for counter-narcotics',
        dueOn: '2026-05',
      },
    ]);
    expect(overview.postings).toEqual([
      expect.objectContaining({
        status: 'onDuty',
        officerOnDuty: { title: 'Drug Liaison Officer', party: 'BH' },
      }),
    ]);
    const text = formatBilateralOverview(overview);
    expect(text).toContain('yet to sign: BH');
    expect(text).toContain('exchange-contact-points (round 1, PK, due 2026-05)');
    expect(text).toContain('on duty: Drug Liaison Officer (BH)');
  });

  it('formats an overview of 200,000 meetings without growing the call stack', async () => {
    const overview = bilateralOverview(await states(await laterHistory()), ['PK', 'BH']);
    const [meeting] = overview.meetings;
    expect(meeting).toBeDefined();
    const large = { ...overview, meetings: Array.from({ length: 200_000 }, () => meeting) };
    const text = formatBilateralOverview(large as typeof overview);
    expect(text).toContain('Meetings (200000)');
    const perMeeting = 1 + (meeting?.outcomes.length ?? 0);
    const base = formatBilateralOverview({ ...overview, meetings: [] }).split('\n').length;
    // The empty section's 'none' line gives way to every meeting's lines.
    expect(text.split('\n').length).toBe(base - 1 + 200_000 * perMeeting);
  });

  it('keeps each pair of parties apart', async () => {
    const all = bilateralOverviews(await states(await laterHistory()));
    expect(all.map((o) => o.parties)).toEqual([
      ['BH', 'PK'],
      ['PK', 'SA'],
    ]);
    expect(all[1]?.mous.map((m) => m.mouId)).toEqual(['pk-sa-customs']);
    expect(all[0]?.mous.map((m) => m.mouId)).not.toContain('pk-sa-customs');
    expect(bilateralOverview(await states(await laterHistory()), ['FR', 'DE'])).toEqual({
      parties: ['DE', 'FR'],
      meetings: [],
      jointWorkingGroups: [],
      mous: [],
      postings: [],
    });
  });

  it('folds the global order into the same states as folding each stream', async () => {
    const store = await laterHistory();
    const current = await states(store);
    for (const [id, state] of current.mous) {
      const loaded = await loadState(store, MoU, id);
      expect(E.isRight(loaded) && loaded.right.state).toEqual(state);
    }
    for (const [id, state] of current.postings) {
      const loaded = await loadState(store, DrugLiaisonPosting, id);
      expect(E.isRight(loaded) && loaded.right.state).toEqual(state);
    }
    const jwg = await loadState(store, JointWorkingGroup, 'pk-bh-interior-jwg');
    expect(E.isRight(jwg) && jwg.right.state).toEqual(
      current.jointWorkingGroups.get('pk-bh-interior-jwg'),
    );
    expect(current.mous.size).toBe(4);
  });

  it('stops at an event it cannot decode and names it', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream(
      'Treaty-x',
      [
        {
          eventId: '6a0b7f43-6f40-4c1f-8a0e-8c1f0b2d9e11',
          type: 'TreatySigned',
          data: '{}',
          metadata: '{}',
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const result = await readCurrentStates(store);
    expect(E.isLeft(result) && result.left.problem).toBe('unknownCategory');
    expect(E.isLeft(result) && result.left.message).toContain('Treaty-x@0');
  });
});
