import { HASH_SIZE, isPowerOfTwo, nodeHash, type Hash } from './merkle-tree';

/**
 * Verifiers for RFC 9162 proofs, step by step as sections 2.1.3.2 and 2.1.4.2 give them. They
 * take anything (the proof usually comes from someone else) and never throw.
 */

export type ProofRejection =
  /** A size or index that is not a whole number, or out of range (index ≥ size, m > n, m = 0). */
  | 'bad-sizes'
  /** A root, leaf or proof element that is not 32 bytes, or a proof that is not an array. */
  | 'malformed-hash'
  /** More or fewer hashes than the sizes call for. */
  | 'wrong-proof-length'
  /** The proof is well formed, but does not lead to the root(s) given. */
  | 'root-mismatch';

export type ProofCheck =
  { readonly valid: true } | { readonly valid: false; readonly reason: ProofRejection };

const VALID: ProofCheck = { valid: true };
const reject = (reason: ProofRejection): ProofCheck => ({ valid: false, reason });

const isHash = (value: unknown): value is Hash =>
  value instanceof Uint8Array && value.length === HASH_SIZE;

const isHashList = (value: unknown): value is readonly Hash[] =>
  Array.isArray(value) && value.every(isHash);

const isSize = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const sameHash = (a: Hash, b: Hash): boolean => Buffer.from(a).equals(b);

// Sizes go up to 2^53, past the 32 bits that JavaScript's bit operators keep, so the shifts and
// low bits are done with arithmetic.
const lsb = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2: is `leaf` (a leaf hash) at `index` of the tree of `size` with `root`? */
export const verifyInclusion = (
  index: number,
  size: number,
  leaf: Hash,
  proof: readonly Hash[],
  root: Hash,
): ProofCheck => {
  if (!isSize(index) || !isSize(size)) return reject('bad-sizes');
  if (!isHash(leaf) || !isHash(root) || !isHashList(proof)) return reject('malformed-hash');
  // 1. An index at or past the size fails.
  if (index >= size) return reject('bad-sizes');
  // 2. and 3.
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  // 4.
  for (const p of proof) {
    // a. The tree is used up before the proof is: too many hashes.
    if (sn === 0) return reject('wrong-proof-length');
    // b.
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    // c.
    fn = half(fn);
    sn = half(sn);
  }
  // 5. sn must have reached 0: a proof that stops early leaves part of the tree unaccounted for.
  if (sn !== 0) return reject('wrong-proof-length');
  return sameHash(r, root) ? VALID : reject('root-mismatch');
};

/**
 * RFC 9162 §2.1.4.2: is the tree of size `first` with `firstRoot` a prefix of the tree of size
 * `second` with `secondRoot`? The RFC defines proofs for 0 < first < second; for first = second
 * the proof must be empty and the roots equal. Nothing is consistent with the empty tree by
 * proof (m = 0 is refused whatever the proof): a checkpoint of size 0 proves nothing anyway.
 */
export const verifyConsistency = (
  first: number,
  second: number,
  firstRoot: Hash,
  secondRoot: Hash,
  proof: readonly Hash[],
): ProofCheck => {
  if (!isSize(first) || !isSize(second)) return reject('bad-sizes');
  if (!isHash(firstRoot) || !isHash(secondRoot) || !isHashList(proof)) {
    return reject('malformed-hash');
  }
  if (first === 0 || first > second) return reject('bad-sizes');
  if (first === second) {
    if (proof.length !== 0) return reject('wrong-proof-length');
    return sameHash(firstRoot, secondRoot) ? VALID : reject('root-mismatch');
  }
  // 1. An empty proof fails.
  if (proof.length === 0) return reject('wrong-proof-length');
  // 2. When the first tree is perfect, its root is the start of the path and is left out.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  // 3.
  let fn = first - 1;
  let sn = second - 1;
  // 4.
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  const [seed, ...rest] = path;
  if (seed === undefined) return reject('wrong-proof-length');
  let fr = seed;
  let sr = seed;
  // 6.
  for (const c of rest) {
    // a. The second tree is used up before the proof is.
    if (sn === 0) return reject('wrong-proof-length');
    // b.
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    // c.
    fn = half(fn);
    sn = half(sn);
  }
  // 7. sn must be 0 (the known bug class skips this, and accepts a proof that stops short of the
  // second tree's size), and both roots must match.
  if (sn !== 0) return reject('wrong-proof-length');
  return sameHash(fr, firstRoot) && sameHash(sr, secondRoot) ? VALID : reject('root-mismatch');
};
