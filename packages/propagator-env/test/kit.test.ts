/**
 * The @baton/testing conformance kit (REQUIREMENTS §1) against what `OTEL_PROPAGATORS` resolves
 * to: the default pair, and every name Baton knows (§8).
 */
import { describeConformance } from '@baton/testing';
import { propagatorFromEnv } from '@baton/propagator-env';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';

describeConformance(propagatorFromEnv({}), {
  name: 'OTEL_PROPAGATORS unset (tracecontext,baggage)',
});

const ALL = 'tracecontext,baggage,b3,b3multi,jaeger,platform-id';
const all = propagatorFromEnv({ OTEL_PROPAGATORS: ALL });
describeConformance(all, {
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
