import * as t from 'io-ts';
import { struct } from './primitives';
import { PartialDate } from './partial-date';
import { Name, Reference } from './text';

/**
 * Who says so. Outlets disagree, so every recorded fact carries the source it rests on: a news
 * report, a note verbale, a signed document, an official statement.
 */
export const SourceKind = t.keyof(
  {
    newsReport: null,
    noteVerbale: null,
    officialDocument: null,
    officialStatement: null,
    other: null,
  },
  'SourceKind',
);
export type SourceKind = t.TypeOf<typeof SourceKind>;

export const Source = struct(
  'Source',
  { kind: SourceKind, reference: Reference },
  { url: Reference, publisher: Name, publishedOn: PartialDate },
);
export type Source = t.TypeOf<typeof Source>;
