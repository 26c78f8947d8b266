import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { Aggregate } from '../../src/kernel/aggregate';
import { formatIssues, toIssues } from '../../src/kernel/validation';
import type { DomainEvent } from '../../src/kernel/event';
import { isCertainlyBefore } from '../../src/kernel/partial-date';

/** A date to the year, the month or the day, in a short span so that the readings overlap. */
export const partialDate: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 2025, max: 2026 }).map(String),
  fc
    .record({ y: fc.integer({ min: 2025, max: 2026 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`),
  fc
    .record({
      y: fc.integer({ min: 2025, max: 2026 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);

/** Long before any generated date, for the steps a pair does not test. */
export const LONG_AGO = '2000';
/** Long after any generated date, for dates that must not get in the way. */
export const FAR_AHEAD = '2099';

/**
 * A step and a step it depends on. `setup` records everything up to and including the earlier
 * step, dated `earlier` (all else long ago); `command` is the later step, dated `later`. The later
 * step is refused, by `rule`, exactly when `later` is certainly before `earlier`.
 */
export interface DependentPair<Command> {
  readonly later: string;
  readonly earlier: string;
  readonly rule: string;
  readonly setup: (earlier: string, later: string) => readonly Command[];
  readonly command: (later: string, earlier: string) => Command;
  /** Date pairs another rule refuses first (a postponement to the same date), left out. */
  readonly excludes?: (earlier: string, later: string) => boolean;
}

/** Decodes a command as the command handler would, so that only valid commands are tested. */
const valid = <Command extends { readonly type: string }>(
  codec: Aggregate<Command, DomainEvent, unknown, string>['commands'],
  command: Command,
): Command => {
  const decoded = codec.decode(command);
  if (E.isLeft(decoded))
    throw new Error(`invalid ${command.type}: ${formatIssues(toIssues(decoded.left))}`);
  return decoded.right;
};

/**
 * For each pair, random partial dates for both steps: the later step is refused exactly when it
 * is certainly before the earlier one (the oracle is `isCertainlyBefore`), by the pair's rule,
 * with a message naming both dates; a refusal produces no events, so the state stays as it was.
 */
export const checkDependentPairs = <
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Rule extends string,
>(
  aggregate: Aggregate<Command, Event, State, Rule>,
  pairs: readonly DependentPair<Command>[],
): void => {
  describe.each(pairs.map((p) => [`${p.later} → ${p.earlier}`, p] as const))(
    '%s',
    (_name, pair) => {
      it(`refuses the later step by ${pair.rule} exactly when it is certainly before`, () => {
        let refused = 0;
        let accepted = 0;
        fc.assert(
          fc.property(partialDate, partialDate, (earlier, later) => {
            fc.pre(pair.excludes?.(earlier, later) !== true);
            let state = aggregate.initialState;
            for (const command of pair.setup(earlier, later)) {
              const setup = aggregate.decide(valid(aggregate.commands, command), state);
              if (E.isLeft(setup))
                throw new Error(`setup ${command.type} refused: ${setup.left.message}`);
              for (const event of setup.right) state = aggregate.evolve(state, event);
            }
            const decision = aggregate.decide(
              valid(aggregate.commands, pair.command(later, earlier)),
              state,
            );
            if (isCertainlyBefore(later, earlier)) {
              refused += 1;
              expect(decision).toEqual(
                E.left(expect.objectContaining({ kind: 'RuleViolated', rule: pair.rule })),
              );
              if (E.isLeft(decision)) {
                expect(decision.left.message).toContain(later);
                expect(decision.left.message).toContain(earlier);
              }
            } else {
              accepted += 1;
              if (E.isLeft(decision)) throw new Error(decision.left.message);
              expect(decision.right.length).toBeGreaterThan(0);
            }
          }),
          { numRuns: 120 },
        );
        // Both outcomes must occur, or the pair tests nothing.
        expect(refused).toBeGreaterThan(0);
        expect(accepted).toBeGreaterThan(0);
      });
    },
  );
};
