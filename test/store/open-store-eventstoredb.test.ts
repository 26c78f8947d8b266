import type { EventStoreDBClient } from '@eventstore/db-client';
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { v4 as uuidv4 } from 'uuid';
import type * as OpenStore from '../../src/store/open-store';
import type { OpenedStore } from '../../src/store/open-store';
import { startTestServerProcess, type ChildServer } from '../support/eventstoredb-server/child';
import { scaled } from '../support/time-scale';

/*
 * Which client `openEventStore` takes for an EventStoreDB connection string: the maintained
 * `@kurrent/kurrentdb-client` when it is installed, else `@eventstore/db-client`.
 */

type OpenStoreModule = typeof OpenStore;

const roundTrip = async ({ store }: OpenedStore): Promise<void> => {
  const streamId = `open-${uuidv4()}`;
  const eventId = uuidv4();
  await store.appendToStream(
    streamId,
    [{ eventId, type: 'Opened', data: '{"ok":true}', metadata: '{}' }],
    { expectedRevision: 'no_stream' },
  );
  const ids: string[] = [];
  for await (const event of store.readStream(streamId)) ids.push(event.eventId);
  expect(ids).toEqual([eventId]);
};

/**
 * `open-store` and the clients loaded afresh, with `@kurrent/kurrentdb-client` missing, as when it
 * is not installed (until `afterEach` puts it back).
 */
const withoutKurrentClient = (): {
  readonly openEventStore: OpenStoreModule['openEventStore'];
  readonly EventStoreDBClient: typeof EventStoreDBClient;
} => {
  jest.resetModules();
  jest.doMock('@kurrent/kurrentdb-client', () => {
    throw Object.assign(new Error("Cannot find module '@kurrent/kurrentdb-client'"), {
      code: 'MODULE_NOT_FOUND',
    });
  });
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    openEventStore: (require('../../src/store/open-store') as OpenStoreModule).openEventStore,
    EventStoreDBClient: (
      require('@eventstore/db-client') as { EventStoreDBClient: typeof EventStoreDBClient }
    ).EventStoreDBClient,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
};

describe('openEventStore for EventStoreDB', () => {
  let server: ChildServer;

  beforeAll(async () => {
    server = await startTestServerProcess();
  }, scaled(20_000));

  afterEach(() => {
    jest.restoreAllMocks();
    jest.dontMock('@kurrent/kurrentdb-client');
    jest.dontMock('@eventstore/db-client');
    jest.resetModules();
  });

  afterAll(async () => {
    await server.stop();
  });

  it.each([
    ['esdb', 'kurrentdb'],
    ['kurrentdb', 'kurrentdb'],
    ['kdb', 'kdb'],
  ])(
    'opens %s:// through @kurrent/kurrentdb-client when both clients are installed',
    async (scheme, given) => {
      // The two clients' generated classes share global names: loading the other one as well
      // would break this one, so it is not loaded, and must not be.
      jest.doMock('@eventstore/db-client', () => {
        throw new Error('@eventstore/db-client was loaded');
      });
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { openEventStore } = require('../../src/store/open-store') as OpenStoreModule;
      const { KurrentDBClient: client } = require('@kurrent/kurrentdb-client') as {
        KurrentDBClient: typeof KurrentDBClient;
      };
      /* eslint-enable @typescript-eslint/no-require-imports */
      const kurrent = jest.spyOn(client, 'connectionString');
      const opened = await openEventStore(`${scheme}://127.0.0.1:${server.port}?tls=false`);
      try {
        await roundTrip(opened);
      } finally {
        await opened.close();
      }
      // The maintained client reads esdb:// as kurrentdb://; given that form, it warns of nothing.
      expect(kurrent.mock.calls).toEqual([[`${given}://127.0.0.1:${server.port}?tls=false`]]);
    },
  );

  it('falls back to @eventstore/db-client for esdb:// when @kurrent/kurrentdb-client is not installed', async () => {
    const fresh = withoutKurrentClient();
    const { openEventStore } = fresh;
    const eventstore = jest.spyOn(fresh.EventStoreDBClient, 'connectionString');
    const opened = await openEventStore(`esdb://127.0.0.1:${server.port}?tls=false`);
    try {
      await roundTrip(opened);
    } finally {
      await opened.close();
    }
    expect(eventstore).toHaveBeenCalledTimes(1);
  });

  it('names the client to install for kurrentdb:// when @kurrent/kurrentdb-client is not installed', async () => {
    const { openEventStore } = withoutKurrentClient();
    await expect(openEventStore(`kurrentdb://127.0.0.1:${server.port}?tls=false`)).rejects.toThrow(
      /^to open kurrentdb:\/\/127\.0\.0\.1:\d+\?tls=false, install @kurrent\/kurrentdb-client \(1\.x\)$/,
    );
  });

  it(
    'opens esdb:// through @eventstore/db-client in a process that already uses it',
    async () => {
      // Jest keeps a module registry of its own, so the process is a plain Node one: it loads the
      // older client first, as an application using it would, then opens a store.
      const script = `
      require('@eventstore/db-client');
      const { openEventStore } = require(${JSON.stringify(join(__dirname, '../../src/store/open-store.ts'))});
      (async () => {
        const { store, close } = await openEventStore(process.argv[1]);
        await store.appendToStream('opened-by-old-client', [
          { eventId: '${uuidv4()}', type: 'Opened', data: '{}', metadata: '{}' },
        ], { expectedRevision: 'any' });
        let read = 0;
        for await (const event of store.readStream('opened-by-old-client')) read += event.type === 'Opened' ? 1 : 0;
        await close();
        const loaded = Object.keys(require.cache).filter((path) => path.includes('@kurrent/kurrentdb-client'));
        console.log(JSON.stringify({ read, kurrentLoaded: loaded.length > 0 }));
      })().catch((error) => { console.error(error); process.exitCode = 1; });
    `;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', '-e', script, `esdb://127.0.0.1:${server.port}?tls=false`],
        { cwd: join(__dirname, '../..') },
      );
      expect(JSON.parse(stdout)).toEqual({ read: 1, kurrentLoaded: false });
    },
    scaled(30_000),
  );
});
