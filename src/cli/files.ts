import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { badInput } from './exit';
import type { CliIo } from './output';

/** A path as the user meant it: relative to the working directory the command runs in. */
export const pathIn = (io: CliIo, path: string): string =>
  isAbsolute(path) ? path : resolve(io.cwd, path);

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A file's text, or one line naming the file and what it was meant to be. */
export const readText = (io: CliIo, path: string, what: string): string => {
  try {
    return readFileSync(pathIn(io, path), 'utf8');
  } catch (error) {
    throw badInput(`cannot read ${what} ${path}: ${reason(error)}`);
  }
};

export const writeText = (io: CliIo, path: string, text: string): void => {
  try {
    writeFileSync(pathIn(io, path), text);
  } catch (error) {
    throw badInput(`cannot write ${path}: ${reason(error)}`);
  }
};
