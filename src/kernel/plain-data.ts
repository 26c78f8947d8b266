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
  const copy = (u: unknown, path: string[]): E.Either<ValidationIssue, unknown> => {
    switch (typeof u) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'undefined':
        return E.right(u);
      case 'object':
        break;
      default:
        return E.left(issue(path, 'plain data (no functions, symbols or bigints)', typeof u));
    }
    if (u === null) return E.right(null);
    if (types.isProxy(u)) return E.left(issue(path, 'plain data, not a proxy', 'a proxy'));
    if (ancestors.has(u)) return E.left(issue(path, 'plain data, not cyclic', 'a cycle'));
    if (path.length >= MAX_INPUT_DEPTH)
      return E.left(
        issue(path, `plain data at most ${MAX_INPUT_DEPTH} levels deep`, 'a deeper value'),
      );
    const prototype: unknown = Object.getPrototypeOf(u);
    if (!isPlainPrototype(u, prototype as object | null))
      return E.left(
        issue(
          path,
          'a plain object or array (inherited properties are not read)',
          `an instance of ${(prototype as { constructor?: { name?: string } }).constructor?.name ?? 'another prototype'}`,
        ),
      );
    if (
      Object.getOwnPropertySymbols(u).some((s) => Object.prototype.propertyIsEnumerable.call(u, s))
    )
      return E.left(issue(path, 'plain data with string keys only', 'a symbol key'));
    const keys = Object.keys(u);
    const isArray = Array.isArray(u);
    if (isArray && keys.length !== u.length)
      return E.left(
        issue(path, 'an array of items only', 'an array with holes or named properties'),
      );
    ancestors.add(u);
    const entries: [string, unknown][] = [];
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(u, key);
      const at = [...path, key];
      if (descriptor === undefined || !('value' in descriptor))
        return E.left(issue(at, 'a plain value', 'a getter (accessor properties are not read)'));
      const copied = copy(descriptor.value, at);
      if (E.isLeft(copied)) return copied;
      entries.push([key, copied.right]);
    }
    ancestors.delete(u);
    // An undefined item stays in an array (the codec refuses it there); a property is absent.
    // `fromEntries` defines own properties, so even a key named `__proto__` stays a plain key.
    return E.right(
      isArray
        ? entries.map(([, item]) => item)
        : Object.fromEntries(entries.filter(([, item]) => item !== undefined)),
    );
  };
  try {
    return copy(value, []);
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

/**
 * Where decoding left out something the caller sent: a property an exact codec does not know,
 * or array items past a tuple's length. Codecs strip both without a word; a command must not.
 */
export const droppedParts = (
  sent: unknown,
  decoded: unknown,
  path: string[] = [],
): ValidationIssue[] => {
  if (Array.isArray(sent)) {
    if (!Array.isArray(decoded)) return [];
    const found: ValidationIssue[] =
      sent.length > decoded.length
        ? [issue(path, `at most ${decoded.length} items`, `${sent.length} items`)]
        : [];
    sent.forEach((item, i) => found.push(...droppedParts(item, decoded[i], [...path, String(i)])));
    return found;
  }
  if (typeof sent !== 'object' || sent === null || typeof decoded !== 'object' || decoded === null)
    return [];
  const found: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(sent)) {
    const at = [...path, key];
    if (!Object.prototype.hasOwnProperty.call(decoded, key))
      found.push(issue(at, 'no such field (it would not be recorded)', showValue(value)));
    else found.push(...droppedParts(value, (decoded as Record<string, unknown>)[key], at));
  }
  return found;
};
