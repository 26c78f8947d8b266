import { context, trace } from '@opentelemetry/api';
import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import * as E from 'fp-ts/Either';
import type { MoU as MoUAggregate, MoUCommand } from '../../src/domain/mou';
import type { handleCommand as HandleCommand } from '../../src/kernel/command-handler';
import type { createInMemoryEventStore as CreateStore } from '../../src/store/in-memory-event-store';

/*
 * Without a trace, events carry no trace context: their metadata is byte for byte what it was
 * before trace context was carried, with `@opentelemetry/api` installed but no SDK registered, and
 * with the API not installed at all.
 */

type Library = {
  readonly handleCommand: typeof HandleCommand;
  readonly MoU: typeof MoUAggregate;
  readonly createInMemoryEventStore: typeof CreateStore;
};

/* eslint-disable @typescript-eslint/no-require-imports */
const library = (): Library => ({
  handleCommand: (require('../../src/kernel/command-handler') as Library).handleCommand,
  MoU: (require('../../src/domain/mou') as Library).MoU,
  createInMemoryEventStore: (require('../../src/store/in-memory-event-store') as Library)
    .createInMemoryEventStore,
});
/* eslint-enable @typescript-eslint/no-require-imports */

const propose: MoUCommand = {
  type: 'ProposeMoU',
  mouId: 'mou-golden',
  title: 'Memorandum of Understanding on Telemetry',
  subject: 'narcotics',
  parties: ['PK', 'BH'],
  proposedBy: 'PK',
  legalCharacter: 'nonBinding',
  occurredOn: '2025-09-10',
};

const commandContext = {
  commandId: '6f1c2c55-8d0e-4f55-9a43-1f0b6a7f3c21',
  actor: 'registrar@mofa.example',
  onBehalfOf: 'PK',
  reason: 'recording the outcome of talks',
  source: { kind: 'newsReport', reference: 'UrduPoint, 10 Sep 2025' },
} as const;

/** The metadata this command's event was recorded with before trace context was carried. */
const GOLDEN =
  '{"actor":"registrar@mofa.example","onBehalfOf":"PK","reason":"recording the outcome of talks","source":{"kind":"newsReport","reference":"UrduPoint, 10 Sep 2025"},"correlationId":"6f1c2c55-8d0e-4f55-9a43-1f0b6a7f3c21","causationId":"6f1c2c55-8d0e-4f55-9a43-1f0b6a7f3c21","commandDigest":"78bb1e679e76633312e61f38e3c73953a81939de12e4370bfda7d141e0a12bd6","occurredOn":"2025-09-10","schemaVersion":1,"recordedAt":"2040-01-01T00:00:00.000Z","integrity":{"previousHash":null,"dataHash":"c3a4a84ae1099c128bea115586767e0aa39f3baaa333013c9643187dc0091e26","hash":"783734624781cdcf15d0c60e5b6c29517878d43b75d864f5a7f3ea81120fed7a","version":2}}';

const recordedMetadata = async ({
  handleCommand,
  MoU,
  createInMemoryEventStore,
}: Library): Promise<string[]> => {
  const store = createInMemoryEventStore({ now: () => new Date('2040-01-01T00:00:00Z') });
  const result = await handleCommand(store, MoU, propose, commandContext);
  expect(E.isRight(result)).toBe(true);
  const metadata: string[] = [];
  for await (const event of store.readStream('MoU-mou-golden')) metadata.push(event.metadata);
  return metadata;
};

afterEach(() => {
  jest.dontMock('@opentelemetry/api');
  jest.resetModules();
});

describe('metadata outside a trace', () => {
  it('is unchanged with the API installed and no SDK registered', async () => {
    expect(await recordedMetadata(library())).toEqual([GOLDEN]);
  });

  it('is unchanged without the API, even inside a span of the application', async () => {
    let hidden: Library | undefined;
    jest.isolateModules(() => {
      jest.doMock('@opentelemetry/api', () => {
        throw Object.assign(new Error("Cannot find module '@opentelemetry/api'"), {
          code: 'MODULE_NOT_FOUND',
        });
      });
      hidden = library();
    });
    expect(hidden).toBeDefined();
    // The application traces (with an API of its own); the library cannot see it.
    const spans = new InMemorySpanExporter();
    context.setGlobalContextManager(new AsyncHooksContextManager().enable());
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
    );
    try {
      const metadata = await trace
        .getTracer('the application')
        .startActiveSpan('request', async (span) => {
          try {
            return await recordedMetadata(hidden as Library);
          } finally {
            span.end();
          }
        });
      expect(metadata).toEqual([GOLDEN]);
      expect(spans.getFinishedSpans().map((span) => span.name)).toEqual(['request']);
    } finally {
      trace.disable();
      context.disable();
    }
  });
});
