import type * as Pg from 'pg';
import { StoreUnavailableError } from '../kernel/store-errors';

/**
 * The PostgreSQL store's driver, `pg` (node-postgres), loaded the first time a store is opened
 * and not before: it is an optional peer, so a service that uses another store installs nothing
 * for this one. Only the PostgreSQL modules name the driver's types, and no public declaration
 * refers to them (see `PostgresPoolLike`).
 */

export type PgModule = typeof Pg;
export type PgPool = Pg.Pool;
export type PgClient = Pg.PoolClient;
export type PgNotification = Pg.Notification;

/** The package to install, as the error says it. */
export const POSTGRES_DRIVER = 'pg';

let loaded: PgModule | undefined;

const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** The driver, or a `StoreUnavailableError` saying what to install. */
export const postgresDriver = (): PgModule => {
  if (loaded !== undefined) return loaded;
  try {
    // A plain require: the driver is an optional peer, loaded only when asked for.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(POSTGRES_DRIVER) as PgModule;
    return loaded;
  } catch (error) {
    if (codeOf(error) === 'MODULE_NOT_FOUND' && messageOf(error).includes(`'${POSTGRES_DRIVER}'`))
      throw new StoreUnavailableError(
        `the PostgreSQL store needs the ${POSTGRES_DRIVER} package, which is not installed: run npm install ${POSTGRES_DRIVER}@8, or use another store`,
        error,
      );
    throw new StoreUnavailableError(
      `the PostgreSQL store's driver ${POSTGRES_DRIVER} is installed but does not load (${messageOf(error)})`,
      error,
    );
  }
};
