/** fast-check generators: carriers close to real headers, and contexts to inject. */
import fc from 'fast-check';
import {
  createTraceState,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
} from '@opentelemetry/api';

/** Characters that matter to the header grammars, so random values come close to valid ones. */
const GRAMMAR = '0123456789abcdefABCDEF-:;=,./%+ \t_dx?\u0000\r\n\uD800é'.split('');
const grammarString = (max: number) =>
  fc.string({ unit: fc.constantFrom(...GRAMMAR), maxLength: max });
const hexOf = (digits: string) => (n: number) =>
  fc.string({ unit: fc.constantFrom(...digits.split('')), minLength: n, maxLength: n });
const hex = hexOf('0123456789abcdef');
/**
 * One upper-case digit in a lowercase id: accepted by a lenient parser, rejected by a strict one.
 * (Placed explicitly: constantFrom favours its first values, so a mixed alphabet stays lowercase.)
 */
const mixedHex = (n: number) =>
  fc
    .tuple(hex(n), fc.nat({ max: n - 1 }), fc.constantFrom(...'ABCDEF'.split('')))
    .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));
const idPair = (h: (n: number) => fc.Arbitrary<string>) =>
  fc
    .tuple(h(32), h(16), fc.constantFrom('-', ':', '/', ';'), fc.constantFrom('01', '00', '1', 'd'))
    .map(([t, s, sep, f]) => [t, s, f].join(sep));

/** A value as a carrier may hold it: strings near the grammars, arrays, Buffers, non-strings. */
export const headerValue = fc.oneof(
  grammarString(70),
  { arbitrary: idPair(hex), weight: 3 },
  { arbitrary: idPair(mixedHex), weight: 3 },
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(grammarString(40), { maxLength: 3 }),
  grammarString(40).map((s) => Buffer.from(s, 'latin1')),
  fc.constantFrom<unknown>(undefined, null, 42, {}, true),
);

export function carrierArbitrary(keys: readonly string[], prefixes: readonly string[]) {
  const key = fc.oneof(
    keys.length ? fc.constantFrom(...keys) : fc.constant('x'),
    ...prefixes.map((p) => grammarString(6).map((k) => p + k)),
    fc.string({ maxLength: 10 }),
  );
  return fc.dictionary(key, headerValue, { maxKeys: 6 });
}

/** Nonzero lowercase hex ids, from bigints (no filtering, which would be slow). */
const id = (len: number) =>
  fc
    .bigInt({ min: 1n, max: (1n << BigInt(len * 4)) - 1n })
    .map((n) => n.toString(16).padStart(len, '0'));

/** Baggage a header can carry: token keys, values of any printable text. */
const safeBaggage = fc.dictionary(
  fc.string({ unit: fc.constantFrom(...'abcxyz0189-_'.split('')), minLength: 1, maxLength: 10 }),
  fc.string({ unit: fc.constantFrom(...'abc XYZ019-_.:/=%+,;é€'.split('')), maxLength: 12 }),
  { maxKeys: 4 },
);

const traceState = fc.option(
  fc.constantFrom('congo=t61rcWkgMzE', 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'),
  {
    nil: undefined,
  },
);

function withBaggage(ctx: Context, entries: Record<string, string>): Context {
  if (Object.keys(entries).length === 0) return ctx;
  const record = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { value: v }]));
  return propagation.setBaggage(ctx, propagation.createBaggage(record));
}

export interface ValidCase {
  traceId: string;
  spanId: string;
  traceFlags: number;
  traceState?: string;
  baggage: Record<string, string>;
}

/** A valid local span context (any flag byte) with optional tracestate and baggage. */
export const validCase: fc.Arbitrary<ValidCase> = fc.record({
  traceId: id(32),
  spanId: id(16),
  traceFlags: fc.integer({ min: 0, max: 255 }),
  traceState,
  baggage: safeBaggage,
});

export function contextOf(c: ValidCase): Context {
  return trace.setSpanContext(withBaggage(ROOT_CONTEXT, c.baggage), {
    traceId: c.traceId,
    spanId: c.spanId,
    traceFlags: c.traceFlags,
    isRemote: false,
    ...(c.traceState ? { traceState: createTraceState(c.traceState) } : {}),
  });
}

export interface AnyCase {
  traceId: string;
  spanId: string;
  traceFlags: number;
  baggage: Record<string, string>;
}

/** Anything a context can hold: ids of any text, any flags, baggage keys and values of any text. */
export const anyCase: fc.Arbitrary<AnyCase> = fc.record({
  traceId: fc.oneof(id(32), grammarString(34), fc.string({ unit: 'binary', maxLength: 34 })),
  spanId: fc.oneof(id(16), grammarString(18), fc.string({ unit: 'binary', maxLength: 18 })),
  traceFlags: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer(), fc.constant(Number.NaN)),
  baggage: fc.dictionary(
    fc.oneof(grammarString(8), fc.string({ unit: 'binary', maxLength: 8 })),
    fc.oneof(
      grammarString(12),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constant('\uD800'),
    ),
    { maxKeys: 4 },
  ),
});

export function anyContextOf(c: AnyCase): Context {
  return trace.setSpanContext(withBaggage(ROOT_CONTEXT, c.baggage), {
    traceId: c.traceId,
    spanId: c.spanId,
    traceFlags: c.traceFlags,
  });
}
