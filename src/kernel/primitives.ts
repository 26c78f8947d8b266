import * as t from 'io-ts';

/** A refinement that keeps its base's static type and fails with its own name. */
const refine = <C extends t.Any>(
  base: C,
  name: string,
  is: (u: unknown) => u is t.TypeOf<C>,
): t.RefinementType<C, t.TypeOf<C>, t.OutputOf<C>, unknown> =>
  new t.RefinementType(
    name,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c)),
    // The base's own encoding, so checks compiled from codecs see it is the identity.
    base.encode as (a: t.TypeOf<C>) => t.OutputOf<C>,
    base,
    (a: t.TypeOf<C>) => is(a),
  );

/**
 * A codec whose static type is a plain `string` but whose runtime check is stricter.
 * Callers write ordinary string literals; bad values are caught when a command or event is decoded.
 * It is an io-ts refinement of `t.string`, so checks compiled from codecs (`decode`) see a string
 * and a predicate, and confirm a value without asking the codec to build a result.
 */
export const checkedString = (
  name: string,
  isValid: (s: string) => boolean,
): t.RefinementType<t.StringC, string, string, unknown> =>
  refine(t.string, name, (u): u is string => typeof u === 'string' && isValid(u));

/** A whole number of one or more. */
export const PositiveInteger = refine(
  t.number,
  'PositiveInteger',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1,
);

/**
 * An identifier chosen by the user for an engagement (`mou-pk-bh-extradition`): letters, digits,
 * dot, underscore and hyphen, so it is safe inside a stream name on every store.
 */
export const EngagementId = checkedString('EngagementId', (s) =>
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(s),
);

/**
 * An object codec with required and optional properties, without the intersection boilerplate.
 * Unknown properties are stripped, so nothing a caller adds by mistake is recorded for ever.
 */
export const struct = <R extends t.Props, O extends t.Props>(
  name: string,
  required: R,
  optional: O,
): t.IntersectionC<[t.ExactC<t.TypeC<R>>, t.ExactC<t.PartialC<O>>]> =>
  t.intersection([t.exact(t.type(required)), t.exact(t.partial(optional))], name);
