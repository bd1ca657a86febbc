/**
 * The @baton/testing conformance kit (REQUIREMENTS §1) against what `OTEL_PROPAGATORS` resolves
 * to: the default pair, and every name Baton knows (§8).
 */
import { checkConformance, describeConformance } from '@baton/testing';
import { propagatorFromEnv } from '@baton/propagator-env';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';

describeConformance(propagatorFromEnv({}), {
  name: 'OTEL_PROPAGATORS unset (tracecontext,baggage)',
});

const ALL = 'tracecontext,baggage,b3,b3multi,jaeger,platform-id';
const all = propagatorFromEnv({ OTEL_PROPAGATORS: ALL });
describeConformance(all, {
  skip: ['round-trip'], // a known failure, pinned below
  name: `OTEL_PROPAGATORS=${ALL}`,
  headerPrefixes: ['uberctx-'],
  vectors: [
    {
      name: '§8 Known: `tracecontext`, `baggage`, `b3` (single), `b3multi`, `jaeger`, `platform-id`',
      carrier: { b3: `${T}-${S}-d`, 'platform-id': 'plat-7f3a', baggage: 'k=v' },
      spanContext: { traceId: T, spanId: S, sampled: true },
      baggage: { k: 'v' },
    },
  ],
});

/**
 * Found by the kit (round-trip): an unsampled context with the W3C random bit (flags 02) loses the
 * bit when it comes back, because the B3 and Jaeger members extract the same trace and span with
 * flags 00 after traceparent and replace its flags (REQUIREMENTS §4 "keep that context's traceState
 * and flag bits"; §7 "gives back exactly the same span context, flags"). When the members are fixed
 * this test fails: then delete it and the `skip` above.
 */
test('known failure, reported by the kit: the W3C random bit of an unsampled context is lost', () => {
  const [result] = checkConformance(all, { only: ['round-trip'], seed: 1 }).results;
  expect(result.passed).toBe(false);
  expect(result.problems[0]).toMatch(
    /"traceparent":"00-[0-9a-f]{32}-[0-9a-f]{16}-02".*re-injecting what extract read differs at traceparent: .*-02" then .*-00"$/,
  );
});
