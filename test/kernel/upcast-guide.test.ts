import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import * as library from '../../src';

const guide = readFileSync(join(__dirname, '..', '..', 'docs', 'schema-evolution.md'), 'utf8');
const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

/** Runs the guide's code block as a CommonJS module and returns what it exports. */
const load = (): Record<string, unknown> => {
  const { outputText } = ts.transpileModule(blocks.join('\n'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const modules: Record<string, unknown> = { 'diplomatic-ledger': library, 'io-ts': t };
  const exports: Record<string, unknown> = {};
  const run = new Function('require', 'exports', outputText) as (...args: unknown[]) => void;
  run((name: string) => modules[name], exports);
  return exports;
};

const isEventType = (value: unknown): value is library.EventType<string, t.Mixed> =>
  typeof value === 'object' && value !== null && 'codec' in value && 'upcasters' in value;

const stored = (schemaVersion: number, data: object): library.StoredEvent => ({
  streamId: 'Notes-n1',
  revision: 0n,
  position: 0n,
  eventId: '1f3b8f7e-6a1d-4c1a-8c2e-5d9a0b7c3e41',
  type: 'NoteVerbaleReceived',
  data: JSON.stringify(data),
  metadata: JSON.stringify({
    actor: 'registry',
    onBehalfOf: 'PK',
    reason: 'note received',
    source: { kind: 'noteVerbale', reference: 'BH/2024/117' },
    correlationId: '1f3b8f7e-6a1d-4c1a-8c2e-5d9a0b7c3e41',
    causationId: '1f3b8f7e-6a1d-4c1a-8c2e-5d9a0b7c3e41',
    occurredOn: '2024-05',
    schemaVersion,
    integrity: { previousHash: null, dataHash: 'a'.repeat(64), hash: 'b'.repeat(64) },
  }),
  recordedAt: new Date('2024-05-20T08:00:00Z'),
});

describe('the guide "Schema evolution"', () => {
  const declared = load().NoteVerbaleReceived;
  if (!isEventType(declared)) throw new Error('the guide should export NoteVerbaleReceived');
  const catalog = library.eventCatalog(declared);
  const read = (schemaVersion: number, data: object) => {
    const result = library.decodeRecordedEvent(catalog, stored(schemaVersion, data));
    return E.isRight(result) ? result.right.event.data : result.left.message;
  };

  it('has one code block, declaring an event type at version 3', () => {
    expect(blocks).toHaveLength(1);
    expect(declared.schemaVersion).toBe(3);
  });

  it('reads each older version as today’s, as the guide says', () => {
    expect(read(1, { ref: 'BH/2024/117' })).toEqual({
      reference: 'BH/2024/117',
      language: 'not recorded',
    });
    expect(read(2, { reference: 'BH/2024/117' })).toEqual({
      reference: 'BH/2024/117',
      language: 'not recorded',
    });
    expect(read(3, { reference: 'BH/2024/117', language: 'en' })).toEqual({
      reference: 'BH/2024/117',
      language: 'en',
    });
  });

  it('refuses what the chain cannot make valid, and what is too new', () => {
    expect(read(1, { reference: 'BH/2024/117' })).toContain('data.reference');
    expect(read(4, { reference: 'BH/2024/117' })).toContain('upgrade diplomatic-ledger');
  });
});
