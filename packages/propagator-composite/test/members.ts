/**
 * The members of the ordering tables, each described by hand from its format's spec: which header
 * families it reads (in the order it prefers them), the headers of each family for a given trace,
 * and the baggage it reads. The tables compute the expected result of a composite from these
 * descriptions — an oracle independent of the code under test.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import {
  W3CBaggagePropagator as CoreBaggage,
  W3CTraceContextPropagator as CoreTraceContext,
} from '@opentelemetry/core';
import {
  B3InjectEncoding as OfficialB3Encoding,
  B3Propagator as OfficialB3,
} from '@opentelemetry/propagator-b3';
import { JaegerPropagator as OfficialJaeger } from '@opentelemetry/propagator-jaeger';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@baton/propagator-w3c';
import { B3InjectEncoding, B3Propagator } from '@baton/propagator-b3';
import { JaegerPropagator } from '@baton/propagator-jaeger';
import { PlatformIdPropagator } from '@baton/propagator-platform-id';

export type Family = 'traceparent' | 'b3' | 'b3multi' | 'uber';
export type Headers = Record<string, string>;

/** A trace's headers in each family (W3C-TC §traceparent, B3 README, Jaeger "Propagation Format"). */
export const FAMILY_HEADERS: Record<Family, (traceId: string, spanId: string) => Headers> = {
  traceparent: (t, s) => ({ traceparent: `00-${t}-${s}-01` }),
  b3: (t, s) => ({ b3: `${t}-${s}-1` }),
  b3multi: (t, s) => ({ 'x-b3-traceid': t, 'x-b3-spanid': s, 'x-b3-sampled': '1' }),
  uber: (t, s) => ({ 'uber-trace-id': `${t}:${s}:0:1` }),
};

export interface Member {
  /** What the composite calls it (toString(), or the constructor name for foreign members). */
  name: string;
  make: () => TextMapPropagator;
  /** The header family it writes in the tables (undefined: it carries no trace). */
  writes?: Family;
  /** The families it extracts a span context from, the preferred one first. */
  reads: Family[];
  /** Baggage it carries: header name → value in the carrier, and the entry it yields. */
  baggage?: { header: string; value: string; key: string; entry: string };
}

const W3C_BAGGAGE = {
  header: 'baggage',
  value: 'w3ckey=w3cvalue',
  key: 'w3ckey',
  entry: 'w3cvalue',
};
const UBER_BAGGAGE = { header: 'uberctx-jkey', value: 'jvalue', key: 'jkey', entry: 'jvalue' };

/** Core's W3C propagators and the official B3 / Jaeger packages. */
export const OFFICIAL_MEMBERS: Member[] = [
  {
    name: 'W3CTraceContextPropagator',
    make: () => new CoreTraceContext(),
    writes: 'traceparent',
    reads: ['traceparent'],
  },
  { name: 'W3CBaggagePropagator', make: () => new CoreBaggage(), reads: [], baggage: W3C_BAGGAGE },
  // Official B3: "a valid b3 wins over x-b3-*" — it reads `b3` when present, else the multi headers.
  {
    name: 'B3Propagator',
    make: () => new OfficialB3({ injectEncoding: OfficialB3Encoding.SINGLE_HEADER }),
    writes: 'b3',
    reads: ['b3', 'b3multi'],
  },
  {
    name: 'B3Propagator',
    make: () => new OfficialB3({ injectEncoding: OfficialB3Encoding.MULTI_HEADER }),
    writes: 'b3multi',
    reads: ['b3', 'b3multi'],
  },
  {
    name: 'JaegerPropagator',
    make: () => new OfficialJaeger(),
    writes: 'uber',
    reads: ['uber'],
    baggage: UBER_BAGGAGE,
  },
];

/** Every Baton propagator (their toString() follows the DESCRIPTION CONVENTION). */
export const BATON_MEMBERS: Member[] = [
  {
    name: 'W3CTraceContext',
    make: () => new W3CTraceContextPropagator(),
    writes: 'traceparent',
    reads: ['traceparent'],
  },
  { name: 'W3CBaggage', make: () => new W3CBaggagePropagator(), reads: [], baggage: W3C_BAGGAGE },
  // REQUIREMENTS §4: "Both encodings are extracted by every B3 propagator; a valid b3 wins over x-b3-*".
  {
    name: 'B3(single)',
    make: () => new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
    writes: 'b3',
    reads: ['b3', 'b3multi'],
  },
  {
    name: 'B3(multi)',
    make: () => new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
    writes: 'b3multi',
    reads: ['b3', 'b3multi'],
  },
  {
    name: 'Jaeger',
    make: () => new JaegerPropagator(),
    writes: 'uber',
    reads: ['uber'],
    baggage: UBER_BAGGAGE,
  },
  { name: 'PlatformId', make: () => new PlatformIdPropagator(), reads: [] },
];
