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

/**
 * The epoch field of Root as a date: X-Ray's own id generators write the request's start time
 * there, while OpenTelemetry's default generator writes random bits, so it is shown as "if a time".
 */
function epoch(seconds: number): string {
  const d = new Date(seconds * 1000);
  const when = Number.isFinite(d.getTime()) ? d.toISOString().replace('.000Z', 'Z') : '?';
  return `${when} (a start time if an X-Ray id generator made the id)`;
}

function meaning(f: XRayFields): [string, string][] {
  const rows: [string, string][] = [
    ['trace-id', f.traceId],
    ['root', f.root],
    ['epoch', epoch(f.epochSeconds)],
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
