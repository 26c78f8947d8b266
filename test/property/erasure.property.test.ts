import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  JointWorkingGroup,
  createInMemoryKeyStore,
  erasePersonalData,
  handleCommand,
  keepTree,
  readCurrentStates,
  verifyAll,
  withKeyStore,
  type EventStore,
  type Post,
} from '../../src';
import { readStreamEvents } from '../../src/kernel/command-handler';
import { v4 as uuidv4 } from 'uuid';
import { context, recordingIn2040 } from '../support/context';
import { everyStore } from '../support/every-store';
import { scaled } from '../support/time-scale';

/**
 * Random histories of co-chairs, named and replaced, with random erasures among the commands: an
 * erasure never changes a tree head the history had before it, every event still reads, the
 * state machine goes on deciding as before, and an erased name is nowhere to be read.
 */
const names = [
  'Amina Rashed Khan',
  'Bilal Tariq Siddiqui',
  'Hessa Yusuf Al-Jalahma',
  'Omar Faisal Qureshi',
] as const;
/** A person's subject id in one history (on EventStoreDB, histories share the server). */
const subjectOf = (history: string, i: number): string => `person:${history}-${i}`;

type Step =
  | { readonly kind: 'designate'; readonly party: 'PK' | 'BH'; readonly person: number }
  | { readonly kind: 'erase'; readonly person: number };

const person = fc.integer({ min: 0, max: names.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('designate' as const),
      party: fc.constantFrom('PK' as const, 'BH' as const),
      person,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), person }) },
);

const postOf = (history: string, party: 'PK' | 'BH', i: number): Post => ({
  title: party === 'PK' ? 'Federal Minister for Interior' : 'Minister of Interior',
  party,
  holder: names[i] ?? '',
  holderId: subjectOf(history, i),
});

const readable = async (store: EventStore, jwgId: string): Promise<string> => {
  const parts: string[] = [];
  for await (const e of store.readAll()) parts.push(e.data, e.metadata);
  const states = await readCurrentStates(store);
  if (E.isLeft(states)) throw new Error(states.left.message);
  const events = await readStreamEvents(store, JointWorkingGroup, `JointWorkingGroup-${jwgId}`);
  if (E.isLeft(events)) throw new Error(events.left.message);
  parts.push(
    JSON.stringify(events.right.events.map((e) => e.event)),
    JSON.stringify(states.right, (_k, v: unknown) =>
      typeof v === 'bigint' ? String(v) : v instanceof Map ? Object.fromEntries(v) : v,
    ),
  );
  return parts.join('\n');
};

const stores = everyStore({ now: recordingIn2040, keys: null });

describe.each(stores)('erasures among random histories on %s', (_name, open) => {
  it(
    'keep every earlier tree head, every event readable and no erased name anywhere',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
          // A store and a key store of its own for each history (on EventStoreDB, streams of
          // their own on one server).
          const keys = createInMemoryKeyStore();
          const store = withKeyStore(await open(), keys);
          const history = uuidv4();
          const jwgId = `jwg-${history}`;
          const established = await handleCommand(
            store,
            JointWorkingGroup,
            {
              type: 'EstablishJointWorkingGroup',
              jwgId,
              name: 'Pakistan–Bahrain JWG on Security',
              parties: ['PK', 'BH'],
              sectors: ['counterNarcotics'],
              occurredOn: '2025-09-10',
            },
            context(),
          );
          expect(E.isRight(established)).toBe(true);
          const heads: { size: number; root: string }[] = [];
          const erased = new Set<number>();
          const named = new Set<number>();
          for (const [i, s] of steps.entries()) {
            if (s.kind === 'erase') {
              const kept = await keepTree(store);
              heads.push({ size: kept.size, root: Buffer.from(kept.root()).toString('hex') });
              const result = await erasePersonalData(
                store,
                {
                  type: 'ErasePersonalData',
                  subjectId: subjectOf(history, s.person),
                  authority: 'DPA order 2031/7',
                  occurredOn: '2031-05-01',
                },
                context(),
              );
              if (erased.has(s.person))
                expect(result).toMatchObject({ left: { reason: 'alreadyErased' } });
              else expect(E.isRight(result)).toBe(true);
              erased.add(s.person);
              continue;
            }
            const designated = await handleCommand(
              store,
              JointWorkingGroup,
              {
                type: 'DesignateCoChair',
                jwgId,
                party: s.party,
                post: postOf(history, s.party, s.person),
                occurredOn: `2026-02-${String(i + 1).padStart(2, '0')}`,
              },
              context(),
            );
            if (erased.has(s.person))
              expect(designated).toMatchObject({
                left: { kind: 'PersonalDataRefused', problem: 'SubjectErased' },
              });
            // Designated, or refused by the group's own rules as it would be without erasures.
            else if (E.isLeft(designated)) expect(designated.left.kind).toBe('RuleViolated');
            else named.add(s.person);
          }
          const final = await keepTree(store);
          for (const head of heads)
            expect(Buffer.from(final.root(head.size)).toString('hex')).toBe(head.root);
          const report = await verifyAll(store);
          expect(report.intact).toBe(true);
          const text = await readable(store, jwgId);
          for (const [i, name] of names.entries())
            if (erased.has(i)) expect(text).not.toContain(name);
            else if (named.has(i)) expect(text).toContain(name);
          await keys.close();
        }),
        { numRuns: 10 },
      );
    },
    scaled(120_000),
  );
});
