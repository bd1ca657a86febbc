/** B3 (`b3` and `x-b3-*`), explained by @baton/propagator-b3. */
import {
  B3InjectEncoding,
  B3Propagator,
  explainB3Multi,
  explainB3Single,
  type B3Fields,
} from '@baton/propagator-b3';
import { valuesOf, type Carrier } from '../headers';
import { officialPropagator } from '../official';
import { headerReport, yes } from './report';
import type { FormatExplainer, HeaderReport } from './types';

const MULTI = ['x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled', 'x-b3-flags'];

function meaning(f: B3Fields): [string, string][] {
  const rows: [string, string][] = [];
  if (f.samplingOnly) {
    rows.push([
      'sampling',
      `${f.samplingState} only: no ids, no span context (the decision is recorded for a new root span)`,
    ]);
    return rows;
  }
  rows.push(['trace-id', f.traceId + (f.traceId64 ? ' (64-bit id, left-padded)' : '')]);
  rows.push(['span-id', f.spanId!]);
  if (f.parentSpanId !== undefined) rows.push(['parent-span-id', `${f.parentSpanId} (not used)`]);
  const state = f.deferred
    ? 'deferred: no decision sent, the local sampler decides'
    : f.samplingState;
  rows.push(['sampling', `${state}; sampled: ${yes(f.sampled)}, debug: ${yes(f.debug)}`]);
  return rows;
}

function first(carrier: Carrier, name: string): string | undefined {
  return valuesOf(carrier, name)[0];
}

export const b3: FormatExplainer = {
  id: 'b3',
  title: 'B3',
  readBy: ['b3', 'b3multi'],
  carriesTrace: true,
  present: (c) => c['b3'] !== undefined || MULTI.some((n) => c[n] !== undefined),
  explain(carrier) {
    const out: HeaderReport[] = [];
    const single = valuesOf(carrier, 'b3');
    let singleValid = false;
    if (single.length > 0) {
      const e = explainB3Single(single.length === 1 ? single[0] : single);
      singleValid = e.valid;
      const notes = e.valid
        ? []
        : ['an invalid b3 falls back to the x-b3-* headers (REQUIREMENTS §4)'];
      out.push(headerReport('b3', single, e, meaning, notes));
    }
    const present = MULTI.filter((n) => carrier[n] !== undefined);
    if (present.length > 0) {
      const e = explainB3Multi({
        traceId: carrier['x-b3-traceid'],
        spanId: carrier['x-b3-spanid'],
        sampled: carrier['x-b3-sampled'],
        flags: carrier['x-b3-flags'],
      });
      const notes = singleValid ? ['not read: a valid b3 wins over x-b3-*'] : [];
      // One report for the group (they are one context), its value `traceid=… spanid=… …`.
      const value = present.map((n) => `${n.slice(5)}=${first(carrier, n)}`).join(' ');
      const report = headerReport('x-b3-*', [value], e, meaning, notes);
      const at = e.error?.rule.split('/')[0];
      if (at !== undefined && carrier[at] !== undefined) report.errorValue = first(carrier, at);
      out.push(report);
    }
    return out;
  },
  // Extract reads both encodings whatever the inject encoding: one propagator serves b3 and b3multi
  // (multi, so a conflict names it `B3(multi)` as the demo's gateway does).
  propagator: () => new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  official: () => officialPropagator('@opentelemetry/propagator-b3', 'B3Propagator'),
};
