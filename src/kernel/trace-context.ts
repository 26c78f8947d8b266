import { checkedString } from './primitives';

/**
 * W3C Trace Context (www.w3.org/TR/trace-context) as events carry it in their metadata: the
 * `traceparent` of the span that handled the command, and its `tracestate` when it has one.
 * Only what the library writes is read: version 00, lower-case hex, trace and parent ids not
 * all zeros.
 */

const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Whether `text` is a version-00 `traceparent` header value. */
export const isTraceparent = (text: string): boolean => TRACEPARENT.test(text);

const KEY = /^(?:[a-z][a-z0-9_\-*/]{0,255}|[a-z0-9][a-z0-9_\-*/]{0,240}@[a-z][a-z0-9_\-*/]{0,13})$/;
// Printable ASCII but `,` and `=`; spaces inside, none at the end.
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/** The most `tracestate` carried: W3C's 32 list members, and 512 characters in all. */
export const MAX_TRACESTATE_MEMBERS = 32;
export const MAX_TRACESTATE_LENGTH = 512;

/** Whether `text` is a `tracestate` header value: 1 to 32 `key=value` members, keys distinct. */
export const isTracestate = (text: string): boolean => {
  if (text.length === 0 || text.length > MAX_TRACESTATE_LENGTH) return false;
  const members = text.split(/[ \t]*,[ \t]*/);
  if (members.length > MAX_TRACESTATE_MEMBERS) return false;
  const keys = new Set<string>();
  for (const member of members) {
    const equals = member.indexOf('=');
    if (equals < 0) return false;
    const key = member.slice(0, equals);
    if (!KEY.test(key) || !VALUE.test(member.slice(equals + 1)) || keys.has(key)) return false;
    keys.add(key);
  }
  return true;
};

export const Traceparent = checkedString(
  'Traceparent (00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>)',
  isTraceparent,
);

export const Tracestate = checkedString(
  'Tracestate (1 to 32 key=value members, at most 512 characters)',
  isTracestate,
);

/** The trace context an event carries, when it was recorded inside a trace. */
export interface TraceContext {
  readonly traceparent: string;
  readonly tracestate?: string;
}
