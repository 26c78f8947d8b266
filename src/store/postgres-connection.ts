import { StoreError, StoreUnavailableError } from '../kernel/store-errors';
import type { PgClient, PgPool } from './postgres-driver';
import { asStoreError } from './postgres-errors';
import { statementName } from './postgres-rows';

/**
 * How the PostgreSQL store talks to the server: single statements through the pool, and
 * transactions on a client checked out for them. Every fault of the server, the connection or
 * the driver comes out as a `StoreUnavailableError` naming what was being done (never the
 * password); the library's own store errors pass as they are.
 */
export interface PostgresAccess {
  /** The server as messages name it. */
  readonly server: string;
  readonly pool: PgPool;
  /** Rows as arrays, in the order of the statement's columns. */
  readonly rows: (doing: string, text: string, values?: readonly unknown[]) => Promise<unknown[][]>;
  /**
   * Runs `work` in one transaction on a checked-out client: committed when it returns, rolled
   * back when it throws. With `lock`, the first statement takes the schema's write lock (see the
   * store), so `work` sees every write committed before it and none commits until it does.
   */
  readonly transaction: <T>(
    doing: string,
    options: { readonly lock: boolean },
    work: (client: PgClient) => Promise<T>,
  ) => Promise<T>;
  /**
   * Runs `work` on a checked-out client that issues its own `BEGIN` and `COMMIT`; when it throws,
   * whatever transaction it left open is rolled back.
   */
  readonly session: <T>(doing: string, work: (client: PgClient) => Promise<T>) => Promise<T>;
  readonly isClosed: () => boolean;
}

export const postgresAccess = (options: {
  readonly pool: PgPool;
  readonly server: string;
  readonly lockKey: string;
  readonly isClosed: () => boolean;
}): PostgresAccess => {
  const { pool, server, lockKey, isClosed } = options;

  const refuseIfClosed = (): void => {
    if (isClosed()) throw new StoreUnavailableError(`${server}: the store is closed`);
  };

  const rows: PostgresAccess['rows'] = async (doing, text, values = []) => {
    refuseIfClosed();
    try {
      const result = await pool.query<unknown[]>({
        name: statementName(text),
        text,
        values: [...values],
        rowMode: 'array',
      });
      return result.rows;
    } catch (error) {
      throw asStoreError(server, doing, error);
    }
  };

  const session: PostgresAccess['session'] = async (doing, work) => {
    refuseIfClosed();
    let client: PgClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw asStoreError(server, doing, error);
    }
    // A checked-out client that loses its connection says so on 'error' as well as to the
    // statement waiting on it; the statement's rejection is the one handled.
    let lost: unknown;
    const onError = (error: unknown): void => {
      lost ??= error;
    };
    client.on('error', onError);
    let broken = false;
    try {
      return await work(client);
    } catch (error) {
      // A refusal of the library's own, or a statement the server refused: the connection is
      // sound and only the transaction ends (a ROLLBACK outside one is harmless). A lost
      // connection, or one that cannot roll back, is closed rather than handed to the next caller.
      if (lost === undefined)
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
      else broken = true;
      throw error instanceof StoreError ? error : asStoreError(server, doing, lost ?? error);
    } finally {
      client.removeListener('error', onError);
      client.release(broken ? true : undefined);
    }
  };

  const transaction: PostgresAccess['transaction'] = (doing, { lock }, work) =>
    session(doing, async (client) => {
      await client.query(lock ? `BEGIN; SELECT pg_advisory_xact_lock(${lockKey})` : 'BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    });

  return { server, pool, rows, session, transaction, isClosed };
};
