import { existsSync, rmSync } from 'node:fs';
import { createInMemoryKeyStore } from '../personal/in-memory-key-store';
import type { KeyStore } from '../personal/key-store';
import { openSqliteKeyStore } from '../personal/sqlite-key-store';
import { keyStoreFileBeside, sqlitePathOf } from '../store/open-store';
import { badInput, CliFailure, EXIT } from './exit';
import { pathIn } from './files';
import type { CliIo } from './output';

/**
 * The key store a command opens beside its store (`--keys PATH | none`): the file named, none,
 * or by default the file beside an embedded store (`diplomatic-ledger.keys.db` beside
 * `diplomatic-ledger.db`), a new in-memory one for `memory`, and none for a server store.
 */
export type KeysChoice =
  | { readonly kind: 'none'; readonly why: string }
  | { readonly kind: 'memory' }
  | { readonly kind: 'file'; readonly path: string };

export const keysChoiceFor = (io: CliIo, spec: string, keys: string | undefined): KeysChoice => {
  const storeFile = sqlitePathOf(spec);
  if (keys === 'none') return { kind: 'none', why: 'no key store was asked for (--keys none)' };
  if (keys !== undefined) {
    if (keys.trim() === '') throw badInput('--keys takes the path of a key store file, or none');
    const path = pathIn(io, keys);
    if (storeFile !== undefined && pathIn(io, storeFile) === path)
      throw badInput(
        `--keys ${keys} is the store's own file; keep the keys in a file of their own, so that a copy of the history does not carry the keys that read it`,
      );
    return { kind: 'file', path };
  }
  if (spec === 'memory') return { kind: 'memory' };
  if (storeFile !== undefined)
    return { kind: 'file', path: pathIn(io, keyStoreFileBeside(storeFile)) };
  return {
    kind: 'none',
    why: 'a server store has no key store unless --keys names its file',
  };
};

export interface OpenedKeys {
  readonly keys: KeyStore | undefined;
  /**
   * Closes the key store. When the command failed, a file it created is removed, provided no
   * key or erasure was written into it: a key that sealed a value is never thrown away.
   */
  close(failed: boolean): Promise<void>;
}

const noKeys: OpenedKeys = { keys: undefined, close: async () => undefined };

const removeKeyFile = (path: string): void => {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
};

const holdsNothing = async (keys: KeyStore): Promise<boolean> => {
  for await (const _ of keys.subjects()) return false;
  return true;
};

/**
 * Opens the key store chosen: for a command that writes, a missing file is created; for one that
 * only reads, a missing file means no key store (names read as withheld) and nothing is created.
 */
export const openKeys = (choice: KeysChoice, mode: 'write' | 'read'): OpenedKeys => {
  if (choice.kind === 'none') return noKeys;
  if (choice.kind === 'memory') {
    const keys = createInMemoryKeyStore();
    return { keys, close: () => keys.close() };
  }
  const { path } = choice;
  const existed = existsSync(path);
  if (mode === 'read' && !existed) return noKeys;
  let keys: KeyStore;
  try {
    keys = openSqliteKeyStore(path);
  } catch (error) {
    if (!existed) removeKeyFile(path);
    const message = error instanceof Error ? error.message : String(error);
    throw new CliFailure(
      `${message} (--keys names the key store's file, or none)`,
      EXIT.storeUnavailable,
    );
  }
  return {
    keys,
    close: async (failed) => {
      const remove = failed && !existed && (await holdsNothing(keys).catch(() => false));
      await keys.close();
      if (remove) removeKeyFile(path);
    },
  };
};
