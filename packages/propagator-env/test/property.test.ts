/**
 * Property tests (fast-check, 100,000 runs each): any OTEL_PROPAGATORS value resolves without
 * throwing, to what the rules of REQUIREMENTS §8 say; and whatever it resolves to, inject∘extract
 * round-trips a span context.
 */
import fc from 'fast-check';
import type { TextMapPropagator } from '@opentelemetry/api';
import {
  ROOT_CONTEXT,
  trace,
  defaultTextMapGetter,
  defaultTextMapSetter,
} from '@opentelemetry/api';
import { describePropagator, propagatorFromEnv } from '@baton/propagator-env';

const quiet = { warn: () => undefined };

/** REQUIREMENTS §1: "ids are lowercase hex, 32 / 16 chars, not all zero". */
const VALID_TRACE_ID = /^(?!0{32})[0-9a-f]{32}$/;
const VALID_SPAN_ID = /^(?!0{16})[0-9a-f]{16}$/;

/** The description each built-in gives (the DESCRIPTION CONVENTION in the project brief). */
const DESCRIPTIONS: Record<string, string> = {
  tracecontext: 'W3CTraceContext',
  baggage: 'W3CBaggage',
  b3: 'B3(single)',
  b3multi: 'B3(multi)',
  jaeger: 'Jaeger',
  'platform-id': 'PlatformId',
  xray: 'AWSXRay',
  'xray-lambda': 'AWSXRayLambda',
  ottrace: 'OTTrace',
  gcp: 'CloudTrace',
  'oneway-gcp': 'CloudTrace(one-way)',
};
const TRACE_NAMES = ['tracecontext', 'b3', 'b3multi', 'jaeger', 'ottrace', 'gcp'];

/** A name as a user might type it: any case, padded with spaces/tabs, or something unknown. */
const spelledName = fc
  .tuple(
    fc.constantFrom(
      ...Object.keys(DESCRIPTIONS),
      'none',
      'xray',
      'zipkin',
      '',
      '__proto__',
      'constructor',
    ),
    fc.array(fc.boolean(), { maxLength: 12 }),
    fc.constantFrom('', ' ', '\t', '  '),
    fc.constantFrom('', ' ', '\t'),
  )
  .map(([name, upper, pre, post]) => {
    let out = '';
    for (let i = 0; i < name.length; i++) out += upper[i] ? name[i].toUpperCase() : name[i];
    return pre + out + post;
  });
const anyName = fc.oneof(
  { weight: 5, arbitrary: spelledName },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const envValue = fc.array(anyName, { maxLength: 8 }).map((names) => names.join(','));

/** The expected description, from the rules of §8 written out independently of the resolver. */
function expectedDescription(value: string): string {
  let names: string[] = [];
  for (const raw of value.split(',')) {
    const n = raw.trim().toLowerCase();
    if (n !== '' && !names.includes(n)) names.push(n);
  }
  // Issue 16: "Listing both `xray` and `xray-lambda` … warns and keeps `xray-lambda`".
  if (names.includes('xray-lambda')) names = names.filter((n) => n !== 'xray');
  if (names.includes('none')) return 'Noop'; // "`none` alone → no-op"; "`none` with others → warn, no-op"
  let known = names.filter((n) => Object.hasOwn(DESCRIPTIONS, n)).map((n) => DESCRIPTIONS[n]);
  if (known.length === 0) known = [DESCRIPTIONS.tracecontext, DESCRIPTIONS.baggage]; // default / fallback
  return known.length === 1 ? known[0] : `Composite[${known.join(', ')}]`;
}

test('any OTEL_PROPAGATORS value: never throws, resolves as the rules say', () => {
  fc.assert(
    fc.property(envValue, (value) => {
      // A boolean, not expect(): fast-check reports the counterexample; expect() costs per run.
      const p = propagatorFromEnv({ OTEL_PROPAGATORS: value }, { logger: quiet });
      return describePropagator(p) === expectedDescription(value);
    }),
    { numRuns: 100_000 },
  );
});

test('any resolved configuration with a trace format: inject∘extract round-trips the span context', () => {
  const hexId = (len: number) =>
    fc
      .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: len, maxLength: len })
      .filter((s) => /[^0]/.test(s));
  const config = fc
    .tuple(
      fc.shuffledSubarray(Object.keys(DESCRIPTIONS), { minLength: 1 }),
      fc.constantFrom(...TRACE_NAMES),
    )
    .map(([names, traceName]) =>
      (names.includes(traceName) ? names : [...names, traceName]).join(','),
    );
  const resolved = new Map<string, TextMapPropagator>();
  fc.assert(
    fc.property(config, hexId(32), hexId(16), fc.boolean(), (value, traceId, spanId, sampled) => {
      // One resolution per distinct configuration (at most 9! orders × subsets): resolution itself
      // is covered above; this property is about the chain it builds.
      let p = resolved.get(value);
      if (p === undefined) {
        p = propagatorFromEnv({ OTEL_PROPAGATORS: value }, { logger: quiet });
        resolved.set(value, p);
      }
      const carrier: Record<string, string> = {};
      const sent = { traceId, spanId, traceFlags: sampled ? 1 : 0, isRemote: false };
      p.inject(trace.setSpanContext(ROOT_CONTEXT, sent), carrier, defaultTextMapSetter);
      const got = trace.getSpanContext(p.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
      return (
        got !== undefined &&
        got.traceId === traceId &&
        got.spanId === spanId &&
        got.isRemote === true &&
        (got.traceFlags & 1) === (sampled ? 1 : 0)
      );
    }),
    { numRuns: 100_000 },
  );
});

test('the full chain never throws on extract of arbitrary carriers, and keeps ids valid', () => {
  const p = propagatorFromEnv(
    { OTEL_PROPAGATORS: 'tracecontext,baggage,b3,b3multi,jaeger,platform-id,ottrace,gcp' },
    { logger: quiet },
  );
  const headerName = fc.constantFrom(
    'traceparent',
    'tracestate',
    'baggage',
    'b3',
    'x-b3-traceid',
    'x-b3-spanid',
    'x-b3-sampled',
    'x-b3-flags',
    'uber-trace-id',
    'uberctx-k',
    'platform-id',
    'ot-tracer-traceid',
    'ot-tracer-spanid',
    'ot-baggage-k',
    'x-cloud-trace-context',
    'Traceparent',
    'B3',
  );
  const headerValue = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef-:%/;o='), maxLength: 70 }),
    fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
    fc.constant(undefined),
  );
  fc.assert(
    fc.property(fc.dictionary(headerName, headerValue), (carrier) => {
      const ctx = p.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
      const sc = trace.getSpanContext(ctx);
      return sc === undefined || (VALID_TRACE_ID.test(sc.traceId) && VALID_SPAN_ID.test(sc.spanId));
    }),
    { numRuns: 100_000 },
  );
});
