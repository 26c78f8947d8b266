import { createChainChecker } from '../../src/audit/integrity-check';
import { verifyAll } from '../../src/audit/verify';
import { BilateralMeeting } from '../../src/domain/bilateral-meeting';
import { handleCommand } from '../../src/kernel/command-handler';
import type { StoredEvent } from '../../src/kernel/event-store';
import { sha256 } from '../../src/kernel/integrity';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context } from '../support/context';
import { recordMeeting } from '../support/meeting';
import { collectAll, readOnlyStore } from '../support/read-only-store';

/** One meeting and two facts: three events of one stream. */
const history = async (): Promise<StoredEvent[]> => {
  const store = createInMemoryEventStore();
  await handleCommand(store, BilateralMeeting, recordMeeting, context());
  for (const factId of ['f0', 'f1'])
    await handleCommand(
      store,
      BilateralMeeting,
      {
        type: 'NoteSourcedFact',
        meetingId: 'm1',
        factId,
        statement: `fact ${factId}`,
        occurredOn: '2025-09-10',
      },
      context(),
    );
  return collectAll(store);
};

const withoutLink = (event: StoredEvent): StoredEvent => {
  const { integrity: _integrity, ...rest } = JSON.parse(event.metadata) as Record<string, unknown>;
  return { ...event, metadata: JSON.stringify(rest) };
};

describe('verifying events that cannot be read', () => {
  it.each([
    [
      'metadata that is not JSON',
      (e: StoredEvent) => ({ ...e, metadata: '{"actor":' }),
      'not JSON',
    ],
    ['data that is not JSON', (e: StoredEvent) => ({ ...e, data: 'venue: Lahore' }), 'not JSON'],
    ['no integrity link', withoutLink, 'no valid integrity link'],
  ])(
    'finds an event with %s unreadable, and the next one off its chain',
    async (_, spoil, says) => {
      const events = await history();
      const spoilt = [...events];
      const target = spoil(events[1] as StoredEvent);
      spoilt[1] = target;
      const report = await verifyAll(readOnlyStore(spoilt));
      expect(report.intact).toBe(false);
      expect(report.eventsChecked).toBe(3);
      expect(report.findings.map((f) => f.problem)).toEqual(['unreadable', 'chainBroken']);
      expect(report.firstProblem?.message).toContain(`${target.streamId}@1 (position`);
      expect(report.firstProblem?.message).toContain(says);
      const intact = await verifyAll(readOnlyStore(events));
      expect(report.digest).not.toBe(intact.digest);
      expect(report.treeHead?.rootHash).not.toBe(intact.treeHead?.rootHash);
    },
  );

  it('lets an unreadable event stand for the hash of its stored texts', async () => {
    const [first] = await history();
    const spoilt = withoutLink(first as StoredEvent);
    const check = createChainChecker().check(spoilt);
    expect(check.finding?.problem).toBe('unreadable');
    expect(check.hash).toBe(sha256(`${spoilt.data}\n${spoilt.metadata}`));
  });

  it('does not let an intact event stand for the hash of its stored texts', async () => {
    const [first] = await history();
    const event = first as StoredEvent;
    const check = createChainChecker().check(event);
    expect(check.finding).toBeUndefined();
    expect(check.hash).toBe(
      (JSON.parse(event.metadata) as { integrity: { hash: string } }).integrity.hash,
    );
  });
});
