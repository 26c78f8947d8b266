import * as E from 'fp-ts/Either';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import * as library from '../../src';
import { context } from '../support/context';
import { runGuide } from '../support/guide';

describe('the guide "Proofs anyone can check"', () => {
  it('runs as written against the Pakistan–Bahrain history', async () => {
    const { exports, logged } = runGuide('proofs.md');
    const { prove } = exports as {
      prove?: (store: library.EventStore, recordMore: () => Promise<void>) => Promise<void>;
    };
    const store = library.createInMemoryEventStore({ now: () => new Date('2025-09-11T09:00:00Z') });
    await recordPakistanBahrain2025(store);
    const recordMore = async (): Promise<void> => {
      const done = await library.handleCommand(
        store,
        library.MoU,
        {
          type: 'RecordNegotiationRound',
          mouId: 'pk-bh-extradition',
          round: 1,
          venue: 'Manama',
          occurredOn: '2025-09-10',
        },
        context(),
      );
      expect(E.isRight(done)).toBe(true);
    };
    expect(prove).toBeDefined();
    await prove?.(store, recordMore);
    expect(logged).toEqual(['verified inclusion', 'verified consistency', 'treeSizeMismatch']);
  });
});
