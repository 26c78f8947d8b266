import * as crypto from 'node:crypto';

/**
 * RFC 9162 §2.1 written as plainly as the text: recursion over the whole list of leaf inputs,
 * its own hashing, nothing stored. Slow on purpose; the tests hold the real tree to it.
 */

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = crypto.createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};

const k = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

export const refLeaf = (d: Uint8Array): Buffer => sha256(Buffer.of(0), d);

/** MTH(D[n]) over leaf inputs. */
export const refMth = (d: readonly Uint8Array[]): Buffer => {
  const [only] = d;
  if (d.length === 0) return sha256();
  if (d.length === 1 && only !== undefined) return refLeaf(only);
  const split = k(d.length);
  return sha256(Buffer.of(1), refMth(d.slice(0, split)), refMth(d.slice(split)));
};

/** PATH(m, D[n]). */
export const refPath = (m: number, d: readonly Uint8Array[]): Buffer[] => {
  if (d.length <= 1) return [];
  const split = k(d.length);
  return m < split
    ? [...refPath(m, d.slice(0, split)), refMth(d.slice(split))]
    : [...refPath(m - split, d.slice(split)), refMth(d.slice(0, split))];
};

const refSubproof = (m: number, d: readonly Uint8Array[], b: boolean): Buffer[] => {
  if (m === d.length) return b ? [] : [refMth(d)];
  const split = k(d.length);
  return m <= split
    ? [...refSubproof(m, d.slice(0, split), b), refMth(d.slice(split))]
    : [...refSubproof(m - split, d.slice(split), false), refMth(d.slice(0, split))];
};

/** PROOF(m, D[n]) for 0 < m ≤ n. */
export const refProof = (m: number, d: readonly Uint8Array[]): Buffer[] => refSubproof(m, d, true);

/**
 * The side each PATH(m, D[n]) hash joins on, leaf first ('L': the proof hash is the left child).
 * A verifier given a proof and a root cannot tell two sizes apart when this is the same for both,
 * so a changed size must fail exactly when the shape changes.
 */
export const inclusionShape = (m: number, n: number): string => {
  if (n <= 1) return '';
  const split = k(n);
  return m < split ? inclusionShape(m, split) + 'R' : inclusionShape(m - split, n - split) + 'L';
};

/**
 * The same for PROOF(m, D[n]): 'R' for a hash only the second root takes (on the right), 'L' for
 * one both roots take (on the left), and whether the first root itself starts the path ('=').
 */
export const consistencyShape = (m: number, n: number, b = true): string => {
  if (m === n) return b ? '=' : 'S';
  const split = k(n);
  return m <= split
    ? consistencyShape(m, split, b) + 'R'
    : consistencyShape(m - split, n - split, false) + 'L';
};
