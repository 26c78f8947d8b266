import * as E from 'fp-ts/Either';
import { parseNote } from './signed-note';
import { parseCheckpoint } from './tree-checkpoint';

/**
 * A witness file: signed checkpoints kept where the log's writers cannot write, appended one
 * after another and never rewritten. Each entry is a signed checkpoint note followed by one
 * blank line:
 *
 *   <origin>\n<size>\n<root>\ntime ...\n      the checkpoint body: no blank line in it
 *   \n                                        the note's blank line
 *   — <name> <signature>\n ...                its signature lines
 *   \n                                        the end of the entry
 *
 * A checkpoint body has no empty line (the spec forbids empty extension lines) and signature
 * lines are never empty, so the first blank line of an entry ends its body and the next ends the
 * entry: the blank line cannot occur inside a note, and entries need no other separator or
 * escaping. Appending is writing `formatWitnessEntries([note])` at the end of the file; a file
 * cut short in the middle of an entry is refused, one cut at an entry's end is a shorter file.
 *
 * Reading checks each entry's shape only; check signatures with `verifyCheckpoint`.
 */

export interface MalformedWitnessFile {
  readonly kind: 'MalformedWitnessFile';
  /** The entry at fault, counted from 1. */
  readonly entry: number;
  /** The line of the file at fault, counted from 1. */
  readonly line: number;
  readonly message: string;
}

const refuse = (entry: number, line: number, why: string): E.Either<MalformedWitnessFile, never> =>
  E.left({
    kind: 'MalformedWitnessFile',
    entry,
    line,
    message: `entry ${entry} (line ${line}): ${why}`,
  });

/** Why `note` cannot be an entry, if it cannot: it must be a signed checkpoint note. */
const entryProblem = (note: string): { line: number; why: string } | undefined => {
  const parsed = parseNote(note);
  if (E.isLeft(parsed)) return { line: parsed.left.line ?? 1, why: parsed.left.message };
  const checkpoint = parseCheckpoint(parsed.right.text);
  if (E.isLeft(checkpoint))
    return { line: checkpoint.left.line ?? 1, why: checkpoint.left.message };
  return undefined;
};

/** The text to append to a witness file for `notes`, in order. */
export const formatWitnessEntries = (
  notes: readonly string[],
): E.Either<MalformedWitnessFile, string> => {
  for (const [i, note] of notes.entries()) {
    const problem = entryProblem(note);
    if (problem !== undefined) return refuse(i + 1, problem.line, problem.why);
  }
  return E.right(notes.map((note) => `${note}\n`).join(''));
};

/** The signed checkpoint notes of a witness file, in the order they were appended. */
export const parseWitnessFile = (text: string): E.Either<MalformedWitnessFile, string[]> => {
  const lines = text.split('\n');
  // Text after the last newline is an unfinished line: the file was cut short.
  const unfinished = lines.pop() !== '';
  const notes: string[] = [];
  let state: 'between' | 'body' | 'signatures' = 'between';
  let body: string[] = [];
  let signatures: string[] = [];
  let start = 1;
  for (const [i, line] of lines.entries()) {
    const lineNo = i + 1;
    const entry = notes.length + 1;
    if (state === 'between') {
      if (line === '') return refuse(entry, lineNo, 'a blank line where an entry should begin');
      [state, start, body, signatures] = ['body', lineNo, [line], []];
    } else if (state === 'body') {
      if (line === '') state = 'signatures';
      else body.push(line);
    } else if (line !== '') {
      signatures.push(line);
    } else if (signatures.length === 0) {
      return refuse(entry, lineNo, 'no signature lines after the blank line');
    } else {
      const note = `${body.join('\n')}\n\n${signatures.join('\n')}\n`;
      const problem = entryProblem(note);
      if (problem !== undefined) return refuse(entry, start + problem.line - 1, problem.why);
      notes.push(note);
      state = 'between';
    }
  }
  if (state !== 'between') {
    return refuse(notes.length + 1, start, 'cut short: it does not end with a blank line');
  }
  if (unfinished) {
    return refuse(notes.length + 1, lines.length + 1, 'cut short: an unfinished line');
  }
  return E.right(notes);
};
