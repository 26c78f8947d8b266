import * as E from 'fp-ts/Either';
import type { PartialDate } from './partial-date';
import type { EventMetadata } from './event-metadata';

/** A JSON value, as event data is stored. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

/** A JSON object: the stored form of every event's data. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** What an upcaster may consult beside the data. Read-only: the stored event is never changed. */
export interface UpcastContext {
  readonly type: string;
  readonly occurredOn: PartialDate;
  /** The metadata as stored, with the schema version the event was written in. */
  readonly metadata: EventMetadata;
}

/**
 * Turns the stored data of one schema version into the data of the next. Pure: it sees JSON and
 * returns JSON; the codec of the current version checks the end of the chain.
 */
export type Upcaster = (data: JsonObject, context: UpcastContext) => JsonObject;

/** Upcasters by the version they read: `{ 1: v1ToV2, 2: v2ToV3 }`. */
export interface Upcasters {
  readonly [fromVersion: number]: Upcaster;
}

/**
 * Checks, when an event type is defined, that its schema version is a positive whole number and
 * that every upcaster reads a version below it. A mistake here is a programming error, so it
 * throws at load time rather than on some later read.
 */
export const checkUpcasters = (type: string, schemaVersion: number, upcasters: Upcasters): void => {
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1)
    throw new Error(`event type ${type}: schema version must be a whole number of 1 or more`);
  for (const key of Object.keys(upcasters)) {
    const from = Number(key);
    if (!Number.isInteger(from) || from < 1 || from >= schemaVersion)
      throw new Error(
        `event type ${type}: an upcaster from version ${key} makes no sense when the current version is ${schemaVersion} (upcasters read versions 1 to ${schemaVersion - 1})`,
      );
  }
};

/** Why stored data could not be brought up to the current version. */
export type UpcastFailure =
  | { readonly kind: 'missingStep'; readonly from: number; readonly to: number }
  | { readonly kind: 'notAnObject' }
  | {
      readonly kind: 'stepFailed';
      readonly from: number;
      readonly to: number;
      readonly reason: string;
    };

/** The first step from `from` to `to` that has no upcaster, if any. */
export const missingStep = (
  upcasters: Upcasters,
  from: number,
  to: number,
): { readonly from: number; readonly to: number } | undefined => {
  for (let version = from; version < to; version++)
    if (upcasters[version] === undefined) return { from: version, to: version + 1 };
  return undefined;
};

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Runs the chain of upcasters from the version the data was stored in up to `to`, one step at a
 * time. `data` is what `JSON.parse` made of the stored text, so it holds JSON values only.
 */
export const upcastData = (
  upcasters: Upcasters,
  from: number,
  to: number,
  data: unknown,
  context: UpcastContext,
): E.Either<UpcastFailure, unknown> => {
  if (from >= to) return E.right(data);
  const gap = missingStep(upcasters, from, to);
  if (gap !== undefined) return E.left({ kind: 'missingStep', ...gap });
  if (!isJsonObject(data)) return E.left({ kind: 'notAnObject' });
  let current: JsonObject = data;
  for (let version = from; version < to; version++) {
    const step = upcasters[version];
    if (step === undefined) return E.left({ kind: 'missingStep', from: version, to: version + 1 });
    try {
      current = step(current, context);
    } catch (error) {
      return E.left({
        kind: 'stepFailed',
        from: version,
        to: version + 1,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return E.right(current);
};
