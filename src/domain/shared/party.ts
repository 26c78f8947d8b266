import * as t from 'io-ts';
import { getAlpha2Codes } from 'i18n-iso-countries';
import { checkedString } from '../../kernel/primitives';

/** The officially assigned ISO 3166-1 alpha-2 codes (XK is user-assigned, not part of the list). */
const assignedCodes: ReadonlySet<string> = new Set(
  Object.keys(getAlpha2Codes()).filter((code) => code !== 'XK'),
);

export const isParty = (code: string): boolean => assignedCodes.has(code);

/** A state, by its ISO 3166-1 alpha-2 code in capitals: `PK`, `BH`. */
export const Party = checkedString('Party (ISO 3166-1 alpha-2 code)', isParty);
export type Party = t.TypeOf<typeof Party>;

const twoParties = t.tuple([Party, Party]);

/**
 * The two states of a bilateral engagement: exactly two codes, for io-ts's tuple alone would
 * quietly drop a third. Distinctness is a rule, checked by each decider.
 */
export const Parties = new t.RefinementType(
  'Parties (exactly two ISO 3166-1 alpha-2 codes)',
  twoParties.is,
  (u, c) =>
    Array.isArray(u) && u.length !== 2
      ? t.failure(u, c, `exactly two parties, not ${u.length}`)
      : twoParties.validate(u, c),
  twoParties.encode,
  twoParties,
  twoParties.is,
);
export type Parties = t.TypeOf<typeof Parties>;

/** Both parties, in a stable order, for use as a key: `BH-PK`. */
export const pairKey = (parties: readonly [Party, Party]): string => [...parties].sort().join('-');
