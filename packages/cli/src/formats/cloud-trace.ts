/**
 * Google Cloud Trace (`x-cloud-trace-context`), explained by @baton/propagator-cloud-trace. The
 * `traceparent` a Google load balancer also sends is W3C's (formats/w3c.ts).
 */
import {
  CloudTracePropagator,
  explainCloudTraceContext,
  type CloudTraceFields,
} from '@baton/propagator-cloud-trace';
import { valuesOf } from '../headers';
import { officialPropagator } from '../official';
import { headerReport } from './report';
import type { FormatExplainer, HeaderReport } from './types';

const HEADER = 'x-cloud-trace-context';

const OPTION: Record<string, string> = {
  '1': 'o=1: trace this request (read as sampled)',
  '0': 'o=0: not sampled',
  none: 'no o= option: not sampled',
};

function meaning(f: CloudTraceFields): [string, string][] {
  return [
    ['trace-id', f.traceId],
    ['span-id', `${f.spanId} (sent as decimal ${f.spanIdDecimal})`],
    ['options', OPTION[f.option ?? 'none']],
  ];
}

export const cloudTrace: FormatExplainer = {
  id: 'gcp',
  title: 'Google Cloud Trace',
  readBy: ['gcp', 'oneway-gcp'],
  fix: 'gcp',
  carriesTrace: true,
  present: (c) => c[HEADER] !== undefined,
  explain(carrier) {
    const values = valuesOf(carrier, HEADER);
    const out: HeaderReport[] = [];
    if (values.length > 0) {
      const notes = values.length > 1 ? ['sent more than once: only the first value is read'] : [];
      out.push(headerReport(HEADER, values, explainCloudTraceContext(values[0]), meaning, notes));
    }
    return out;
  },
  propagator: () => new CloudTracePropagator(),
  // The official package is deprecated and says so on load; the CLI names it without the warning.
  official: () =>
    officialPropagator('@google-cloud/opentelemetry-cloud-trace-propagator', 'CloudPropagator'),
};
