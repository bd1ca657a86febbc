/** AWS X-Ray (`x-amzn-trace-id`), explained by @baton/propagator-aws-xray. */
import {
  AWSXRayPropagator,
  explainXRayTraceHeader,
  type XRayFields,
} from '@baton/propagator-aws-xray';
import { valuesOf } from '../headers';
import { officialPropagator } from '../official';
import { headerReport } from './report';
import type { FormatExplainer, HeaderReport } from './types';

const HEADER = 'x-amzn-trace-id';

const SAMPLING: Record<XRayFields['sampling'], string> = {
  sampled: 'Sampled=1: sampled',
  'not-sampled': 'Sampled=0: not sampled',
  deferred: 'deferred (Sampled=? or absent): the receiver decides; extracted as not sampled',
};

/** The epoch part of Root as a date, when it is a plausible one (X-Ray writes the start time). */
function startTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isFinite(d.getTime()) ? ` (trace started ${d.toISOString()})` : '';
}

function meaning(f: XRayFields): [string, string][] {
  const rows: [string, string][] = [
    ['trace-id', f.traceId],
    ['root', `${f.root}${startTime(f.epochSeconds)}`],
    [
      'parent-id',
      f.parentId === undefined
        ? '(none) Root only: a first hop (a load balancer); no span context'
        : `${f.parentId} (the caller's span)`,
    ],
    ['sampling', SAMPLING[f.sampling]],
  ];
  if (f.lineage !== undefined) rows.push(['lineage', `${f.lineage} (carried in baggage Lineage)`]);
  if (f.lineageDropped !== undefined)
    rows.push(['lineage', `${f.lineageDropped} (not counter:hash:counter: dropped, trace kept)`]);
  if (f.self !== undefined) rows.push(['self', `${f.self} (added by a load balancer, read past)`]);
  if (f.otherKeys.length > 0) rows.push(['ignored keys', f.otherKeys.join(', ')]);
  return rows;
}

export const awsXRay: FormatExplainer = {
  id: 'xray',
  title: 'AWS X-Ray',
  readBy: ['xray', 'xray-lambda'],
  fix: 'xray', // xray-lambda only inside Lambda
  carriesTrace: true,
  present: (c) => c[HEADER] !== undefined,
  explain(carrier) {
    const values = valuesOf(carrier, HEADER);
    const out: HeaderReport[] = [];
    if (values.length > 0) {
      const notes = values.length > 1 ? ['sent more than once: only the first value is read'] : [];
      out.push(headerReport(HEADER, values, explainXRayTraceHeader(values[0]), meaning, notes));
    }
    return out;
  },
  propagator: () => new AWSXRayPropagator(),
  official: () => officialPropagator('@opentelemetry/propagator-aws-xray', 'AWSXRayPropagator'),
};
