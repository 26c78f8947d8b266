import * as E from 'fp-ts/Either';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import { bilateralOverviewAsOf, stateAsOf, type AsOf } from '../../src/audit/point-in-time';
import { JointWorkingGroup } from '../../src/domain/joint-working-group';
import { MoU, type MoUCommand } from '../../src/domain/mou';
import { handleCommand } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { isCheckpointStream } from '../../src/projections/checkpoint';
import { currentStatesProjection } from '../../src/projections/current-states';
import { startProjection } from '../../src/projections/runner';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context } from '../support/context';

const mouId = 'pk-bh-extradition';
const jwgId = 'pk-bh-interior-jwg';

/** The example, then later records, some of them entered late, each at a known instant. */
const history = async (): Promise<EventStore> => {
  let now = new Date('2025-09-11T09:00:00Z');
  const store = createInMemoryEventStore({ now: () => now });
  const at = async (instant: string, run: () => Promise<unknown>): Promise<void> => {
    now = new Date(instant);
    await run();
  };
  const mou = (command: MoUCommand) => async () => {
    const result = await handleCommand(store, MoU, command, context());
    if (E.isLeft(result)) throw new Error(result.left.message);
  };
  await recordPakistanBahrain2025(store);
  await at(
    '2025-10-01T12:00:00Z',
    mou({
      type: 'AgreeText',
      mouId,
      textVersion: 1,
      textDigest: 'd'.repeat(64),
      occurredOn: '2025-09-28',
    }),
  );
  const sign = (party: 'PK' | 'BH') =>
    mou({
      type: 'SignMoU',
      mouId,
      party,
      signatory: { title: 'Minister of Interior', party },
      place: 'Islamabad',
      occurredOn: '2026-01-15',
    });
  await at('2026-01-20T08:00:00Z', sign('PK'));
  await at('2026-01-20T08:05:00Z', sign('BH'));
  // Entered late: a round held in December, recorded in February.
  await at('2026-02-01T10:00:00Z', async () => {
    const held = await handleCommand(
      store,
      JointWorkingGroup,
      {
        type: 'RecordMeetingHeld',
        jwgId,
        round: 1,
        hostParty: 'BH',
        venue: 'Manama',
        delegations: [],
        occurredOn: '2025-12-03',
      },
      context(),
    );
    if (E.isLeft(held)) throw new Error(held.left.message);
  });
  return store;
};

const mouStatus = async (store: EventStore, asOf: AsOf): Promise<string> => {
  const result = await stateAsOf(store, MoU, mouId, asOf);
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right.state.status;
};

describe('point-in-time state', () => {
  it('as of a revision', async () => {
    const store = await history();
    expect(await mouStatus(store, { revision: 0n })).toBe('proposed');
    expect(await mouStatus(store, { revision: 2n })).toBe('partlySigned');
    expect(await mouStatus(store, {})).toBe('signed');
  });

  it('as of a recorded instant: what the record said then', async () => {
    const store = await history();
    expect(await mouStatus(store, { recordedAt: new Date('2025-09-30T23:59:59Z') })).toBe(
      'proposed',
    );
    expect(await mouStatus(store, { recordedAt: new Date('2025-10-01T12:00:00Z') })).toBe(
      'textAgreed',
    );
    expect(await mouStatus(store, { recordedAt: new Date('2026-01-20T08:01:00Z') })).toBe(
      'partlySigned',
    );
  });

  it('as of a date in the world: what was true then by the record used', async () => {
    const store = await history();
    expect(await mouStatus(store, { occurredOn: '2025-09-27' })).toBe('proposed');
    expect(await mouStatus(store, { occurredOn: '2025-09-28' })).toBe('textAgreed');
    // Not yet certain by 10 Jan; both signatures by the end of January.
    expect(await mouStatus(store, { occurredOn: '2026-01-10' })).toBe('textAgreed');
    expect(await mouStatus(store, { occurredOn: '2026-01' })).toBe('signed');
  });

  it('both: what did we know on 1 October about 30 September', async () => {
    const store = await history();
    const knewThen = { recordedAt: new Date('2025-10-01T00:00:00Z'), occurredOn: '2025-09-30' };
    expect(await mouStatus(store, knewThen)).toBe('proposed');
    expect(
      await mouStatus(store, { ...knewThen, recordedAt: new Date('2025-10-02T00:00:00Z') }),
    ).toBe('textAgreed');
    const result = await stateAsOf(store, MoU, mouId, knewThen);
    expect(E.isRight(result) && result.right).toMatchObject({ revision: 0n, eventsApplied: 1 });
  });

  it('as of before anything was known gives the initial state', async () => {
    const store = await history();
    const result = await stateAsOf(store, MoU, mouId, {
      recordedAt: new Date('2025-01-01T00:00:00Z'),
    });
    expect(E.isRight(result) && result.right).toEqual({
      state: { status: 'unproposed' },
      revision: undefined,
      eventsApplied: 0,
    });
  });

  it('gives the bilateral overview as of any point, late entries included by their date', async () => {
    const store = await history();
    const overview = async (asOf: AsOf) => {
      const result = await bilateralOverviewAsOf(store, ['PK', 'BH'], asOf);
      if (E.isLeft(result)) throw new Error(result.left.message);
      return result.right;
    };
    const rounds = async (asOf: AsOf) =>
      (await overview(asOf)).jointWorkingGroups[0]?.lastHeldRound;
    expect(await rounds({})).toBe(1);
    expect(await rounds({ recordedAt: new Date('2026-01-31T00:00:00Z') })).toBe(0);
    expect(await rounds({ occurredOn: '2025-12-31' })).toBe(1);
    expect(await rounds({ occurredOn: '2025-12-02' })).toBe(0);
    const january = await overview({ recordedAt: new Date('2026-01-20T08:01:00Z') });
    expect(january.mous.find((m) => m.mouId === mouId)).toMatchObject({
      signedBy: ['PK'],
      yetToSign: ['BH'],
    });
    expect((await overview({ occurredOn: '2025-09-09' })).mous).toEqual([]);
  });
});

describe('point-in-time reads on a store with projection checkpoints', () => {
  it('leave the checkpoints out of the engagements', async () => {
    const store = await history();
    const runner = startProjection(store, currentStatesProjection, { checkpoint: { every: 2 } });
    await runner.caughtUp();
    await runner.stop();
    let checkpoints = 0;
    for await (const e of store.readAll()) if (isCheckpointStream(e.streamId)) checkpoints++;
    expect(checkpoints).toBeGreaterThan(0);
    const result = await bilateralOverviewAsOf(store, ['PK', 'BH'], {});
    expect(E.isRight(result) && result.right.mous.length).toBe(3);
  });
});
