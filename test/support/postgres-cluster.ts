import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster in a temporary directory, listening on a unix socket in that
 * directory only (no TCP port, so two runs never collide), with trust authentication for the
 * `postgres` role. `initdb` refuses to run as root, so as root the cluster belongs to the
 * `postgres` system user and every server command runs as that user; otherwise it runs as the
 * current user. The binaries (`initdb`, `pg_ctl`) come from the PATH.
 */
export interface PostgresCluster {
  /** A connection string to the `postgres` database, e.g. for `CREATE DATABASE`. */
  readonly url: string;
  readonly directory: string;
  /**
   * `pg_ctl restart`, without blocking the process: every connection is cut, and the server comes
   * back at the same socket.
   */
  restart(): Promise<void>;
  /** Stops the server (it stays stopped until `start`). */
  stop(): void;
  start(): void;
  /** Stops the server and removes the directory. */
  remove(): void;
}

const PREFIX = 'ledger-pg-';
const OWNER_FILE = 'owner.pid';

const asRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

const quote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Runs a server binary as the cluster's user; throws with its output when it fails. */
const runServerTool = (tool: string, args: readonly string[]): void => {
  const command = asRoot() ? 'su' : tool;
  const argv = asRoot()
    ? ['postgres', '-s', '/bin/sh', '-c', [tool, ...args].map(quote).join(' ')]
    : [...args];
  const run = spawnSync(command, argv, { encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(`${tool} ${args.join(' ')} failed (${run.status}): ${run.stderr}${run.stdout}`);
};

/** As `runServerTool`, without blocking: the test process goes on while the server restarts. */
const runServerToolInBackground = (tool: string, args: readonly string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const command = asRoot() ? 'su' : tool;
    const argv = asRoot()
      ? ['postgres', '-s', '/bin/sh', '-c', [tool, ...args].map(quote).join(' ')]
      : [...args];
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${tool} ${args.join(' ')} failed (${code}): ${output}`)),
    );
  });

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Whether the PostgreSQL binaries are on the PATH. */
export const hasPostgresBinaries = (): boolean => {
  try {
    execFileSync('initdb', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * Stops and removes the clusters of runs that were killed before they could clean up: those
 * whose owning process is gone. A cluster of a run still going is left alone.
 */
export const removeStaleClusters = (): void => {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const directory = join(tmpdir(), name);
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(join(directory, OWNER_FILE), 'utf8'));
    } catch {
      // No owner file: a cluster that never finished starting; its owner is gone or about to write it.
    }
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    try {
      if (existsSync(join(directory, 'data', 'postmaster.pid')))
        runServerTool('pg_ctl', ['stop', '-D', join(directory, 'data'), '-m', 'immediate', '-w']);
    } catch {
      // Not running after all.
    }
    rmSync(directory, { recursive: true, force: true });
  }
};

export interface StartClusterOptions {
  /** Server settings (`-c name=value`), e.g. `fsync: 'off'` for tests. */
  readonly settings?: Readonly<Record<string, string>>;
}

/** Creates a cluster in a new temporary directory and starts it (about 1.3 s). */
export const startPostgresCluster = (options: StartClusterOptions = {}): PostgresCluster => {
  const directory = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(directory, OWNER_FILE), String(process.pid));
  const data = join(directory, 'data');
  const socket = join(directory, 'socket');
  mkdirSync(socket);
  if (asRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(directory, uid, gid);
    chownSync(socket, uid, gid);
    chmodSync(directory, 0o755);
  }
  const settings = {
    listen_addresses: "''",
    unix_socket_directories: quote(socket),
    max_connections: '200',
    ...options.settings,
  };
  const serverOptions = Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  const start = (): void =>
    runServerTool('pg_ctl', [
      'start',
      '-D',
      data,
      '-w',
      '-l',
      join(directory, 'server.log'),
      '-o',
      serverOptions,
    ]);
  const stop = (): void => runServerTool('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
  try {
    runServerTool('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-sync',
      '--locale=C',
    ]);
    start();
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socket)}`,
    directory,
    restart: () =>
      runServerToolInBackground('pg_ctl', [
        'restart',
        '-D',
        data,
        '-m',
        'fast',
        '-w',
        '-o',
        serverOptions,
      ]),
    stop,
    start,
    remove: () => {
      try {
        if (existsSync(join(data, 'postmaster.pid'))) stop();
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
};
