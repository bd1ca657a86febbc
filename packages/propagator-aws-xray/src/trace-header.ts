/**
 * The `X-Amzn-Trace-Id` value: `;`-separated `key=value` fields in any order (REQUIREMENTS §12).
 *
 *   Root=1-{8 hex}-{24 hex}   the trace id: the OpenTelemetry trace id is the 8 + 24 hex digits
 *   Parent={16 hex}           the span id of the caller
 *   Sampled=1|0|?             ? or absent: the caller left the decision to us (deferred)
 *   Lineage=…                 Lambda recursion detection, carried in baggage (lineage.ts)
 *   Self=…, anything else     added by load balancers; read past
 *
 * One pass over the fields with index arithmetic: each field is found with one indexOf(';'), its
 * `=` with a loop bounded by the field, its key compared in place, its value checked in place. The
 * only strings allocated are the ids (and Lineage) the result keeps. A rejection is one of a few
 * frozen objects, so a bad header allocates nothing; its text says what was wrong (the `baton`
 * CLI and diagnostics show it).
 */
import { hexOr } from '@baton/internal';
import {
  LINEAGE_KEY,
  MAX_FIELDS,
  MAX_TRACE_HEADER_LENGTH,
  PARENT_KEY,
  ROOT_KEY,
  SAMPLED_KEY,
} from './constants';
import { isValidLineage } from './lineage';

/** `Sampled=1` / `Sampled=0` / `Sampled=?` or no `Sampled` field. */
export type XRaySampling = 'sampled' | 'not-sampled' | 'deferred';

/** A header Baton accepts. */
export interface XRayTraceHeader {
  /** 32 lowercase hex, not all zero: the 8 + 24 digits of `Root`. */
  readonly traceId: string;
  /** 16 lowercase hex, not all zero; undefined when the header has `Root` but no `Parent`. */
  readonly spanId: string | undefined;
  readonly sampling: XRaySampling;
  /** The `Lineage` value when present and valid; an invalid one is dropped (the trace is kept). */
  readonly lineage: string | undefined;
}

/** A header Baton rejects, and why. */
export interface XRayRejection {
  readonly rejected: string;
}

const reject = (why: string): XRayRejection => Object.freeze({ rejected: why });
const TOO_LONG = reject(`longer than ${MAX_TRACE_HEADER_LENGTH} chars`);
const TOO_MANY_FIELDS = reject(`more than ${MAX_FIELDS} fields`);
const NO_EQUALS = reject('a field without "=" (fields are key=value, separated by ";")');
const DUPLICATE = reject('a key appears twice (Root, Parent, Sampled or Lineage)');
const NO_ROOT = reject('no Root field');
const BAD_ROOT = reject(
  'Root is not 1-{8 lowercase hex}-{24 lowercase hex} with a non-zero trace id (version 1 only)',
);
const BAD_PARENT = reject('Parent is not 16 lowercase hex digits, not all zero');
const BAD_SAMPLED = reject('Sampled is not 0, 1 or ?');

export function isXRayRejection(r: XRayTraceHeader | XRayRejection): r is XRayRejection {
  return (r as XRayRejection).rejected !== undefined;
}

const EQUALS = 0x3d;
const DASH = 0x2d;
const ONE = 0x31;
const ZERO = 0x30;
const QUESTION = 0x3f;

/** `1-` + 8 + `-` + 24. */
const ROOT_VALUE_LENGTH = 35;
const EPOCH_START = 2;
const EPOCH_END = 10; // the second dash
const RANDOM_END = 35;
const PARENT_LENGTH = 16;

function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Bit per key seen: duplicates of these four reject the header. */
const SEEN_ROOT = 1;
const SEEN_PARENT = 2;
const SEEN_SAMPLED = 4;
const SEEN_LINEAGE = 8;

/**
 * Parses one header value. Spaces and tabs around a field are tolerated (the official packages,
 * the Java propagator and the X-Ray SDK trim them); empty fields (`;;`, a trailing `;`) are skipped.
 */
export function parseXRayTraceHeader(s: string): XRayTraceHeader | XRayRejection {
  return parseCanonical(s) ?? parseFields(s);
}

/**
 * What Baton, the official packages, the X-Ray SDK and AWS services write, 74 chars:
 *
 *   Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1[;Lineage=…]
 *   0      7       15                       40      48              64       73
 *
 * The fast path reads the fields at these fixed positions: no field loop, no key search. It accepts
 * only values that parseFields would accept with the same result, and returns undefined for anything
 * else (another order, Self=, spaces, `?`, any defect), which parseFields then decides.
 */
const CANONICAL_LENGTH = 74;
const ROOT_PREFIX = 'Root=1-';
const PARENT_AT = 40; // ';Parent='
const SAMPLED_AT = 64; // ';Sampled='
const LINEAGE_AT = 74; // ';Lineage='

function parseCanonical(s: string): XRayTraceHeader | undefined {
  const n = s.length;
  if (n < CANONICAL_LENGTH || !s.startsWith(ROOT_PREFIX, 0) || s.charCodeAt(15) !== DASH)
    return undefined;
  if (!s.startsWith(';Parent=', PARENT_AT) || !s.startsWith(';Sampled=', SAMPLED_AT))
    return undefined;
  const c = s.charCodeAt(SAMPLED_AT + 9);
  if (c !== ONE && c !== ZERO) return undefined;
  let lineage: string | undefined;
  if (n !== CANONICAL_LENGTH) {
    // Only `;Lineage={valid}` may follow here; anything else is for the general path.
    const start = LINEAGE_AT + 9;
    if (!s.startsWith(';Lineage=', LINEAGE_AT) || !isValidLineage(s, start, n)) return undefined;
    lineage = s.slice(start, n);
  }
  const epoch = hexOr(s, 7, 15);
  const random = hexOr(s, 16, PARENT_AT);
  if ((epoch | random) <= 0) return undefined; // a non-hex char (hexOr < 0) or all zero
  if (hexOr(s, PARENT_AT + 8, SAMPLED_AT) <= 0) return undefined;
  return {
    traceId: s.slice(7, 15) + s.slice(16, PARENT_AT),
    spanId: s.slice(PARENT_AT + 8, SAMPLED_AT),
    sampling: c === ONE ? 'sampled' : 'not-sampled',
    lineage,
  };
}

/** Every other shape: the fields one by one. */
function parseFields(s: string): XRayTraceHeader | XRayRejection {
  const n = s.length;
  if (n > MAX_TRACE_HEADER_LENGTH) return TOO_LONG;
  let seen = 0;
  let root = -1; // start of the Root value, once checked
  let parent = -1;
  let sampling: XRaySampling = 'deferred';
  let lineageStart = -1;
  let lineageEnd = -1;
  let fields = 0;
  let pos = 0;
  while (pos <= n) {
    if (++fields > MAX_FIELDS) return TOO_MANY_FIELDS;
    let end = s.indexOf(';', pos);
    if (end === -1) end = n;
    let a = pos;
    let b = end;
    pos = end + 1;
    while (a < b && isOws(s.charCodeAt(a))) a++;
    while (b > a && isOws(s.charCodeAt(b - 1))) b--;
    if (a === b) continue; // empty field
    let eq = -1;
    for (let i = a; i < b; i++) {
      if (s.charCodeAt(i) === EQUALS) {
        eq = i;
        break;
      }
    }
    if (eq === -1) return NO_EQUALS;
    const v = eq + 1;
    const keyLength = eq - a;
    if (keyLength === 4 && s.startsWith(ROOT_KEY, a)) {
      if ((seen & SEEN_ROOT) !== 0) return DUPLICATE;
      seen |= SEEN_ROOT;
      if (!isRootValue(s, v, b)) return BAD_ROOT;
      root = v;
    } else if (keyLength === 6 && s.startsWith(PARENT_KEY, a)) {
      if ((seen & SEEN_PARENT) !== 0) return DUPLICATE;
      seen |= SEEN_PARENT;
      if (b - v !== PARENT_LENGTH || hexOr(s, v, b) <= 0) return BAD_PARENT;
      parent = v;
    } else if (keyLength === 7 && s.startsWith(SAMPLED_KEY, a)) {
      if ((seen & SEEN_SAMPLED) !== 0) return DUPLICATE;
      seen |= SEEN_SAMPLED;
      if (b - v !== 1) return BAD_SAMPLED;
      const c = s.charCodeAt(v);
      if (c === ONE) sampling = 'sampled';
      else if (c === ZERO) sampling = 'not-sampled';
      else if (c !== QUESTION) return BAD_SAMPLED;
    } else if (keyLength === 7 && s.startsWith(LINEAGE_KEY, a)) {
      if ((seen & SEEN_LINEAGE) !== 0) return DUPLICATE;
      seen |= SEEN_LINEAGE;
      if (isValidLineage(s, v, b)) {
        lineageStart = v;
        lineageEnd = b;
      }
    }
    // Self=…, and any other key: read past. Its value is not kept, so it is not checked.
  }
  if (root === -1) return NO_ROOT;
  return {
    traceId:
      s.slice(root + EPOCH_START, root + EPOCH_END) +
      s.slice(root + EPOCH_END + 1, root + RANDOM_END),
    spanId: parent === -1 ? undefined : s.slice(parent, parent + PARENT_LENGTH),
    sampling,
    lineage: lineageStart === -1 ? undefined : s.slice(lineageStart, lineageEnd),
  };
}

/** s[v, end) is `1-{8 hex}-{24 hex}`, lowercase, the 32 digits not all zero. */
function isRootValue(s: string, v: number, end: number): boolean {
  if (end - v !== ROOT_VALUE_LENGTH) return false;
  if (
    s.charCodeAt(v) !== ONE ||
    s.charCodeAt(v + 1) !== DASH ||
    s.charCodeAt(v + EPOCH_END) !== DASH
  )
    return false;
  const epoch = hexOr(s, v + EPOCH_START, v + EPOCH_END);
  const random = hexOr(s, v + EPOCH_END + 1, v + RANDOM_END);
  // Both must be hex and together not all zero (the OpenTelemetry trace id rule). hexOr is the OR
  // of the digits' values (0–15), negative once any char is not lowercase hex, so one test does both.
  return (epoch | random) > 0;
}

/** `Root=1-{8}-{24};Parent={16};Sampled={1|0}` for a valid trace id and span id. */
export function formatXRayTraceHeader(traceId: string, spanId: string, sampled: boolean): string {
  return (
    'Root=1-' +
    traceId.slice(0, 8) +
    '-' +
    traceId.slice(8) +
    ';Parent=' +
    spanId +
    (sampled ? ';Sampled=1' : ';Sampled=0')
  );
}
