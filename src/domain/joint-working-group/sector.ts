import * as t from 'io-ts';
import { Name } from '../../kernel/text';

/**
 * The sectors Pakistan and Bahrain named on 10 Sep 2025, each with the words a reader sees.
 * The codes are the camel-cased labels, so both normalise to the same key (see `sectorKey`).
 */
export const knownSectorLabels = {
  counterNarcotics: 'Counter-narcotics',
  counterTerrorism: 'Counter-terrorism',
  coastGuardOperations: 'Coast guard operations',
  borderSecurity: 'Border security',
  immigration: 'Immigration',
  policeTraining: 'Police training',
} as const;

/** A sector from the known list, written as its code: `'counterNarcotics'`. */
export const KnownSector = t.keyof(knownSectorLabels);
export type KnownSector = t.TypeOf<typeof KnownSector>;

export const knownSectors: readonly KnownSector[] = Object.keys(knownSectorLabels).filter(
  KnownSector.is,
);

/**
 * Any other sector, written deliberately as `{ custom: 'cyber security' }`. A bare string is read
 * only as a known code, so a misspelt code (`'counterNarcotic'`) is refused instead of quietly
 * becoming a new sector.
 */
export const CustomSector = t.strict({ custom: Name }, 'CustomSector { custom: name }');
export type CustomSector = t.TypeOf<typeof CustomSector>;

export type Sector = KnownSector | CustomSector;

export const isKnownSector = (sector: Sector): sector is KnownSector => typeof sector === 'string';

/**
 * A string is checked only as a known code and an object only as a custom sector, so a bad value
 * gets one clear complaint instead of one per alternative.
 */
export const Sector = new t.Type<Sector, Sector, unknown>(
  `Sector (one of ${Object.keys(knownSectorLabels).join(', ')}, or { custom: name })`,
  (u): u is Sector => KnownSector.is(u) || CustomSector.is(u),
  (u, c) => (typeof u === 'string' ? KnownSector.validate(u, c) : CustomSector.validate(u, c)),
  (sector) => (isKnownSector(sector) ? sector : CustomSector.encode(sector)),
);

/** What never tells two sector names apart: white space, dashes, underscores, ZWNJ and ZWJ. */
const IGNORED = /[\p{White_Space}\p{Dash_Punctuation}_\p{Default_Ignorable_Code_Point}]+/gu;

/**
 * Two spellings of one name are one sector. Names are already NFC and trimmed (the `Name` codec);
 * the key also folds compatibility forms (NFKC: full-width letters, ligatures) and case (upper
 * then lower, so `ß` meets `SS`), and drops what `IGNORED` lists, so case, spaces, hyphens and
 * underscores do not make a different sector, nor does a joiner that does not show.
 */
const normalise = (name: string): string =>
  name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC').replace(IGNORED, '');

/** The key two sectors share when they are the same sector. */
export const sectorKey = (sector: Sector): string =>
  normalise(isKnownSector(sector) ? sector : sector.custom);

export const sameSector = (a: Sector, b: Sector): boolean => sectorKey(a) === sectorKey(b);

/** The known sector a custom name spells out (`{ custom: 'Border Security' }`), if any. */
export const knownSectorNamedBy = (sector: CustomSector): KnownSector | undefined =>
  knownSectors.find((known) => sectorKey(known) === sectorKey(sector));

export const sectorLabel = (sector: Sector): string =>
  isKnownSector(sector) ? knownSectorLabels[sector] : sector.custom.trim();

/** How a sector is written in a message: the code, or the custom form. */
export const showSector = (sector: Sector): string =>
  isKnownSector(sector) ? sector : `{ custom: ${JSON.stringify(sector.custom)} }`;
