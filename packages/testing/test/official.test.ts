/**
 * The kit against the official @opentelemetry propagators (core 2.12, propagator-b3 2.12,
 * propagator-jaeger 2.12). They break rules Baton holds itself to; the kit must report each such
 * failure, not hide it, so these tests pin what it reports. Every expected failure is one the
 * REQUIREMENTS name or follows from a §1 line. Fixed seed: the same counterexamples every run.
 */
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';
import type { TextMapPropagator } from '@opentelemetry/api';
import { checkConformance, type ConformanceOptions, type RuleId } from '@baton/testing';

jest.setTimeout(120_000);

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';

function failures(p: TextMapPropagator, options: ConformanceOptions = {}) {
  const report = checkConformance(p, { seed: 42, ...options });
  const failed = report.results.filter((r) => !r.passed);
  return {
    rules: failed.map((r) => r.rule) as RuleId[],
    text: (rule: RuleId) =>
      failed
        .filter((r) => r.rule === rule)
        .flatMap((r) => r.problems)
        .join('\n'),
  };
}

test('core W3CTraceContextPropagator: three-digit flags break the round trip; a throwing getter throws', () => {
  const f = failures(new W3CTraceContextPropagator());
  expect(f.rules).toEqual(['extract-hostile-carriers', 'malformed-keeps-valid', 'round-trip']);
  // REQUIREMENTS §2: "The official core injects flags ≥ 0x10 as three digits — an invalid header."
  expect(f.text('round-trip')).toMatch(
    /"traceparent":"00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{3}"\}, and extract found nothing valid/,
  );
  expect(f.text('extract-hostile-carriers')).toContain(
    'a getter whose get and keys throw: threw Error: get',
  );
});

test('core W3CBaggagePropagator: throws on Buffers and lone surrogates, replaces baggage with malformed', () => {
  const f = failures(new W3CBaggagePropagator());
  expect(f.rules).toEqual([
    'extract-hostile-carriers',
    'extract-fuzz',
    'malformed-keeps-valid',
    'inject-safe',
    'round-trip',
  ]);
  expect(f.text('extract-hostile-carriers')).toContain(
    'a Buffer of garbage in every header: threw TypeError',
  );
  expect(f.text('inject-safe')).toContain('inject threw URIError: URI malformed');
  expect(f.text('malformed-keeps-valid')).toContain('lost the baggage entry baton-kit-kept=yes');
});

test('propagator-b3 single: accepts a b3 value with trailing garbage', () => {
  const f = failures(new B3Propagator());
  expect(f.rules).toEqual(['extract-hostile-carriers', 'malformed-keeps-valid']);
  expect(f.text('malformed-keeps-valid')).toMatch(
    /its own headers \{"b3":"[^"]+"\} with a NUL appended: replaced the valid span context/,
  );
});

test('propagator-b3 multi: fields() lists x-b3-parentspanid, which it never writes', () => {
  const f = failures(new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }), {
    vectors: [
      {
        name: 'B3: "x-b3-flags: 1" → debug',
        carrier: { 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-flags': '1' },
      },
    ],
  });
  expect(f.rules).toEqual(['extract-hostile-carriers', 'malformed-keeps-valid', 'fields-exact']);
  expect(f.text('fields-exact')).toContain(
    'fields() lists "x-b3-parentspanid", which inject never wrote',
  );
  expect(f.text('fields-exact')).not.toContain('x-b3-flags');
});

test('propagator-jaeger: quadratic baggage, the random bit as debug, baggage despite suppressTracing', () => {
  const f = failures(new JaegerPropagator(), { headerPrefixes: ['uberctx-'] });
  expect(f.rules).toEqual([
    'extract-hostile-carriers',
    'malformed-keeps-valid',
    'inject-safe',
    'inject-invalid-span',
    'inject-suppressed',
    'round-trip',
    'bounded-work',
  ]);
  // REQUIREMENTS §5: "the official package copies the baggage map per header — quadratic"
  expect(f.text('bounded-work')).toMatch(/KB of \d+ headers named uberctx-\*: extract took \d+ ms/);
  // REQUIREMENTS §5: "never copy the W3C random bit (0x02) into Jaeger flags"
  expect(f.text('round-trip')).toMatch(/"uber-trace-id":"[0-9a-f]{32}:[0-9a-f]{16}:0:0[23]"/);
  expect(f.text('inject-invalid-span')).toContain(
    'all-zero ids: wrote {"uber-trace-id":"00000000000000000000000000000000:0000000000000000:0:01"}',
  );
  expect(f.text('inject-suppressed')).toContain(
    'baggage without a span, tracing suppressed: wrote {"uberctx-k":"v"}',
  );
});
