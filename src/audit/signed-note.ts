import * as E from 'fp-ts/Either';
import {
  decodeBase64,
  encodeBase64,
  isValidKeyName,
  isWellFormed,
  keyIdHex,
  signBytes,
  verifyBytes,
  type SignerKey,
  type VerifierKey,
} from './note-keys';

/**
 * C2SP signed notes (c2sp.org/signed-note), read as golang.org/x/mod/sumdb/note reads them:
 *
 *   <text, ending in a newline; it may hold blank lines>
 *   <one blank line>
 *   — <key name> <base64(4-byte big-endian key id || signature)>
 *   ... one line per signature
 *
 * The text is everything up to and including the newline before the LAST blank line. A note is
 * UTF-8 with no control character other than newline.
 */

/** At most this many signature lines, as in the Go package; the spec asks for at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 ';
// Any ASCII control character except newline (U+000A); finding them is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The base64 exactly as written on the signature line (key id included). */
  readonly base64: string;
}

export interface VerifiedSignature extends NoteSignature {
  readonly verifier: VerifierKey;
}

export interface OpenedNote {
  readonly text: string;
  /** Signatures by known keys, each checked; at least one. */
  readonly verified: readonly VerifiedSignature[];
  /** Signatures by keys not given: kept, never trusted. */
  readonly unverified: readonly NoteSignature[];
}

export interface MalformedNote {
  readonly kind: 'MalformedNote';
  /** The line of the note at fault (1-based), when one is. */
  readonly line?: number;
  readonly message: string;
}

export type NoteError =
  | MalformedNote
  | {
      readonly kind: 'UnverifiedNote';
      readonly message: string;
      readonly unverified: readonly NoteSignature[];
    }
  | {
      readonly kind: 'InvalidSignature' | 'AmbiguousVerifier';
      readonly message: string;
      readonly name: string;
      readonly keyId: number;
    };

export interface CannotSign {
  readonly kind: 'CannotSign';
  readonly message: string;
}

const malformed = (message: string, line?: number): E.Either<MalformedNote, never> =>
  E.left({
    kind: 'MalformedNote',
    message: line === undefined ? message : `line ${line}: ${message}`,
    ...(line === undefined ? {} : { line }),
  });

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const asText = (note: string | Uint8Array): E.Either<MalformedNote, string> => {
  if (typeof note === 'string') {
    return isWellFormed(note) ? E.right(note) : malformed('not valid UTF-8 (a lone surrogate)');
  }
  try {
    return E.right(utf8.decode(note));
  } catch {
    return malformed('not valid UTF-8');
  }
};

/** Why `text` cannot be a note's text, if it cannot. */
export const noteTextProblem = (text: string): string | undefined => {
  if (!text.endsWith('\n')) return 'the text must end in a newline';
  if (!isWellFormed(text)) return 'the text is not valid UTF-8 (a lone surrogate)';
  const control = CONTROL.exec(text);
  if (control !== null) {
    const line = text.slice(0, control.index).split('\n').length;
    return `line ${line}: control character U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
  return undefined;
};

export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/**
 * A note taken apart without checking any signature: its text and signature lines. Only for
 * inspecting and storing notes; the text must not be trusted until `openNote` says so.
 */
export const parseNote = (note: string | Uint8Array): E.Either<MalformedNote, ParsedNote> =>
  E.chain((whole: string) => {
    const control = CONTROL.exec(whole);
    if (control !== null) {
      const line = whole.slice(0, control.index).split('\n').length;
      return malformed('control character other than newline', line);
    }
    const split = whole.lastIndexOf('\n\n');
    if (split < 0) return malformed('no blank line before the signatures');
    const text = whole.slice(0, split + 1);
    const block = whole.slice(split + 2);
    if (block === '') return malformed('no signature lines after the blank line');
    const firstLine = text.split('\n').length + 1;
    if (!block.endsWith('\n')) {
      const last = firstLine + block.split('\n').length - 1;
      return malformed('the last signature line has no newline', last);
    }
    const lines = block.slice(0, -1).split('\n');
    if (lines.length > MAX_NOTE_SIGNATURES) {
      return malformed(`more than ${MAX_NOTE_SIGNATURES} signature lines`);
    }
    const signatures: NoteSignature[] = [];
    for (const [i, line] of lines.entries()) {
      const signature = parseSignatureLine(line);
      if (signature === undefined) {
        return malformed('not a signature line "— <key name> <base64>"', firstLine + i);
      }
      signatures.push(signature);
    }
    return E.right({ text, signatures });
  })(asText(note));

const parseSignatureLine = (line: string): NoteSignature | undefined => {
  if (!line.startsWith(SIGNATURE_PREFIX)) return undefined;
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) return undefined;
  const name = rest.slice(0, space);
  const base64 = rest.slice(space + 1);
  const bytes = decodeBase64(base64);
  // Four bytes of key id and at least one of signature, as Go requires.
  if (!isValidKeyName(name) || bytes === undefined || bytes.length < 5) return undefined;
  return { name, keyId: bytes.readUInt32BE(0), base64 };
};

const signatureLine = (name: string, keyId: number, signature: Uint8Array): string => {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(keyId);
  return `${SIGNATURE_PREFIX}${name} ${encodeBase64(Buffer.concat([id, signature]))}\n`;
};

/**
 * `text` signed by each of `signers` (at least one; a key given twice signs once). The text must
 * end in a newline, be valid UTF-8 and hold no control character but newline; it may hold blank
 * lines, since a reader splits at the last one.
 */
export const signNote = (
  text: string,
  signers: readonly SignerKey[],
): E.Either<CannotSign, string> => {
  const problem = noteTextProblem(text);
  if (problem !== undefined) return E.left({ kind: 'CannotSign', message: problem });
  const distinct = signers.filter(
    (s, i) => signers.findIndex((t) => t.verifier.encoded === s.verifier.encoded) === i,
  );
  if (distinct.length === 0) return E.left({ kind: 'CannotSign', message: 'no signer given' });
  if (distinct.length > MAX_NOTE_SIGNATURES) {
    return E.left({ kind: 'CannotSign', message: `more than ${MAX_NOTE_SIGNATURES} signers` });
  }
  const message = Buffer.from(text, 'utf8');
  const lines = distinct.map((s) => signatureLine(s.name, s.keyId, signBytes(s, message)));
  return E.right(`${text}\n${lines.join('')}`);
};

const keyLabel = (name: string, keyId: number): string => `${name}+${keyIdHex(keyId)}`;

/**
 * The note's text, if at least one of `verifiers` signed it and none of their signatures fails.
 *
 * As the spec says: a signature whose key name and key id together match no verifier is kept in
 * `unverified` but not trusted (a shared name or id alone is not a match); one that matches must
 * verify, or the whole note is refused; a note with no verified signature is refused. A key's
 * repeated signatures are checked once, as in the Go package. Two different verifiers with the
 * same name and key id cannot be told apart, so a signature naming them is refused.
 */
export const openNote = (
  note: string | Uint8Array,
  verifiers: readonly VerifierKey[],
): E.Either<NoteError, OpenedNote> =>
  E.chainW(({ text, signatures }: ParsedNote): E.Either<NoteError, OpenedNote> => {
    const message = Buffer.from(text, 'utf8');
    const verified: VerifiedSignature[] = [];
    const unverified: NoteSignature[] = [];
    for (const signature of signatures) {
      const { name, keyId, base64 } = signature;
      const matching = verifiers.filter((v) => v.name === name && v.keyId === keyId);
      const keys = new Set(matching.map((v) => v.encoded));
      const verifier = matching[0];
      if (verifier === undefined) {
        if (!unverified.some((u) => u.name === name && u.base64 === base64)) {
          unverified.push(signature);
        }
        continue;
      }
      const label = keyLabel(name, keyId);
      if (keys.size > 1) {
        const message = `ambiguous key ${label}: more than one verifier has that name and key id`;
        return E.left({ kind: 'AmbiguousVerifier', message, name, keyId });
      }
      if (verified.some((v) => v.name === name && v.keyId === keyId)) continue;
      const bytes = decodeBase64(base64);
      if (bytes === undefined || !verifyBytes(verifier, message, bytes.subarray(4))) {
        const message = `invalid signature for key ${label}`;
        return E.left({ kind: 'InvalidSignature', message, name, keyId });
      }
      verified.push({ ...signature, verifier });
    }
    if (verified.length === 0) {
      const message = 'note has no signature by a known key';
      return E.left({ kind: 'UnverifiedNote', message, unverified });
    }
    return E.right({ text, verified, unverified });
  })(parseNote(note));
