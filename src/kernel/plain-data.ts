import * as E from 'fp-ts/Either';
import { types } from 'node:util';
import { showValue, type ValidationIssue } from './validation';

/** How deeply a command or context may nest; the deepest the library's own codecs go is 5. */
export const MAX_INPUT_DEPTH = 32;

const issue = (path: readonly string[], expected: string, actual: string): ValidationIssue => ({
  path: path.join('.') || '(root)',
  expected,
  actual,
});

const isPlainPrototype = (value: object, prototype: object | null): boolean =>
  prototype === null ||
  (Array.isArray(value) ? prototype === Array.prototype : prototype === Object.prototype);

/**
 * A copy of a caller's value made only of what JSON can hold, read once, or the first reason it
 * cannot be one. Commands and contexts are copied before anything looks at them, so that nothing
 * a caller's object does when read (a getter, a proxy's trap, a value that changes between two
 * reads, an inherited property) can reach a record, and nothing throws: a cyclic or absurdly deep
 * value, a proxy, a class instance, an accessor or a symbol key is refused by path. `undefined`
 * properties count as absent, as in JSON.
 */
export const plainData = (value: unknown): E.Either<ValidationIssue, unknown> => {
  const ancestors = new Set<object>();
  // One path, grown and shrunk as the copy descends, and read only to name a refusal: a
  // command's copy allocates nothing for the paths of the values that pass.
  const path: string[] = [];
  let refusal: ValidationIssue | undefined;
  const refuse = (expected: string, actual: string): typeof REFUSED => {
    refusal = issue(path, expected, actual);
    return REFUSED;
  };
  const copy = (u: unknown): unknown => {
    switch (typeof u) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'undefined':
        return u;
      case 'object':
        break;
      default:
        return refuse('plain data (no functions, symbols or bigints)', typeof u);
    }
    if (u === null) return null;
    if (types.isProxy(u)) return refuse('plain data, not a proxy', 'a proxy');
    if (ancestors.has(u)) return refuse('plain data, not cyclic', 'a cycle');
    if (path.length >= MAX_INPUT_DEPTH)
      return refuse(`plain data at most ${MAX_INPUT_DEPTH} levels deep`, 'a deeper value');
    const prototype: unknown = Object.getPrototypeOf(u);
    if (!isPlainPrototype(u, prototype as object | null))
      return refuse(
        'a plain object or array (inherited properties are not read)',
        `an instance of ${(prototype as { constructor?: { name?: string } }).constructor?.name ?? 'another prototype'}`,
      );
    if (
      Object.getOwnPropertySymbols(u).some((s) => Object.prototype.propertyIsEnumerable.call(u, s))
    )
      return refuse('plain data with string keys only', 'a symbol key');
    const keys = Object.keys(u);
    const isArray = Array.isArray(u);
    if (isArray && keys.length !== u.length)
      return refuse('an array of items only', 'an array with holes or named properties');
    ancestors.add(u);
    // An undefined item stays in an array (the codec refuses it there); a property is absent.
    const items: unknown[] = [];
    const record: Record<string, unknown> = {};
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(u, key);
      path.push(key);
      if (descriptor === undefined || !('value' in descriptor))
        return refuse('a plain value', 'a getter (accessor properties are not read)');
      const copied = copy(descriptor.value);
      if (copied === REFUSED) return REFUSED;
      path.pop();
      if (isArray) items.push(copied);
      else if (copied !== undefined) define(record, key, copied);
    }
    ancestors.delete(u);
    return isArray ? items : record;
  };
  try {
    const copied = copy(value);
    return copied === REFUSED && refusal !== undefined ? E.left(refusal) : E.right(copied);
  } catch (error) {
    // Reached only by exotic objects (a host object, say) that throw while being inspected.
    return E.left(
      issue(
        [],
        'plain data',
        `a value that threw when read (${error instanceof Error ? error.message : String(error)})`,
      ),
    );
  }
};

/** What a copy answers for a value it refuses (the reason is kept beside it). */
const REFUSED: unique symbol = Symbol('refused');

/**
 * Sets an own property, as `Object.fromEntries` does: a key named `__proto__` stays a plain key
 * instead of setting the prototype.
 */
const define = (record: Record<string, unknown>, key: string, value: unknown): void => {
  if (key === '__proto__')
    Object.defineProperty(record, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  else record[key] = value;
};

/**
 * Where decoding left out something the caller sent: a property an exact codec does not know,
 * or array items past a tuple's length. Codecs strip both without a word; a command must not.
 */
export const droppedParts = (
  sent: unknown,
  decoded: unknown,
  path: string[] = [],
): ValidationIssue[] => {
  const found: ValidationIssue[] = [];
  collectDropped(sent, decoded, [...path], found);
  return found;
};

/** `droppedParts` into `found`, with one path grown and shrunk as it descends. */
const collectDropped = (
  sent: unknown,
  decoded: unknown,
  path: string[],
  found: ValidationIssue[],
): void => {
  if (Array.isArray(sent)) {
    if (!Array.isArray(decoded)) return;
    if (sent.length > decoded.length)
      found.push(issue(path, `at most ${decoded.length} items`, `${sent.length} items`));
    for (let i = 0; i < sent.length; i++) {
      path.push(String(i));
      collectDropped(sent[i], decoded[i], path, found);
      path.pop();
    }
    return;
  }
  if (typeof sent !== 'object' || sent === null || typeof decoded !== 'object' || decoded === null)
    return;
  for (const key of Object.keys(sent)) {
    const value = (sent as Record<string, unknown>)[key];
    path.push(key);
    if (!Object.prototype.hasOwnProperty.call(decoded, key))
      found.push(issue(path, 'no such field (it would not be recorded)', showValue(value)));
    else collectDropped(value, (decoded as Record<string, unknown>)[key], path, found);
    path.pop();
  }
};
