import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL server of the test run: `POSTGRES_URL`, which jest's global setup points at a
 * throwaway cluster unless it was set already. Each test file makes databases of its own there,
 * so files run in parallel without seeing each other's events.
 */
export const postgresUrl = (): string => {
  const url = process.env.POSTGRES_URL;
  if (url === undefined || url === '')
    throw new Error(
      'no PostgreSQL server for the tests: put initdb and pg_ctl on the PATH (the global setup starts a throwaway cluster) or set POSTGRES_URL',
    );
  return url;
};

/** The same server's URL with another database. */
export const urlOfDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** Runs statements on the server's maintenance database. */
export const onServer = async <T>(
  url: string,
  work: (client: Client) => Promise<T>,
): Promise<T> => {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
};

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, cutting whatever is still connected to it. */
  drop(): Promise<void>;
}

/** A new, empty database on the test server. */
export const createTestDatabase = async (label = 'test'): Promise<TestDatabase> => {
  const server = postgresUrl();
  const name = `ledger_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await onServer(server, (client) => client.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: urlOfDatabase(server, name),
    drop: () =>
      onServer(server, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined),
  };
};
