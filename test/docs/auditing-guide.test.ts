import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import * as library from '../../src';
import { runGuide } from '../support/guide';

type Step = (store: library.EventStore) => Promise<void>;

describe('the guide "Auditing a history"', () => {
  it('runs as written against the Pakistan–Bahrain history', async () => {
    const { exports, logged } = runGuide('auditing.md', {
      anotherStore: () => library.createInMemoryEventStore(),
    });
    const { audit, witness } = exports as { audit?: Step; witness?: Step };
    // Recorded the day after the meeting, as the guide's dates assume.
    const store = library.createInMemoryEventStore({ now: () => new Date('2025-09-11T09:00:00Z') });
    await recordPakistanBahrain2025(store);
    await audit?.(store);
    expect(logged[0]).toMatch(
      /^Integrity of \$all: 11 events checked, chain intact\n {2}running digest: [0-9a-f]{64}\n {2}tree head: size 11, root [A-Za-z0-9+/]{43}=$/,
    );
    expect(logged.filter((l) => l.includes('MoUProposed'))).toHaveLength(3);
    expect(logged[4]).toBe('proposed');
    expect(logged).toContain('proposed,proposed,proposed');
    expect(logged.at(-2)).toMatch(/^\{"end":true,"events":11,"digest":"[0-9a-f]{64}"\}$/);
    expect(logged.at(-1)).toBe('true');

    // Section 5: a checkpoint signed, written to a witness file, and held to.
    logged.length = 0;
    await witness?.(store);
    expect(logged[0]).toMatch(
      /^records\.example\/ledger\n11\n[A-Za-z0-9+/]{43}=\ntime 2025-09-11T09:00:00\.000Z\n\n— records\.example\/ledger [A-Za-z0-9+/]+=*\n$/,
    );
    expect(logged[1]).toContain('checkpoints: 1 of 1 hold');
    expect(logged[1]).toContain('chain intact');
  });
});
