/** Jaeger (`uber-trace-id`, `uberctx-*`, `jaeger-baggage`), explained by @baton/propagator-jaeger. */
import {
  JaegerPropagator,
  explainJaegerBaggage,
  explainUberTraceId,
  explainUberctx,
} from '@baton/propagator-jaeger';
import { valuesOf } from '../headers';
import { officialPropagator } from '../official';
import { flagsByte, headerReport, yes } from './report';
import type { FormatExplainer, HeaderReport } from './types';

const PREFIX = 'uberctx-';

export const jaeger: FormatExplainer = {
  id: 'jaeger',
  title: 'Jaeger',
  readBy: ['jaeger'],
  carriesTrace: true,
  present: (c) =>
    c['uber-trace-id'] !== undefined ||
    c['jaeger-baggage'] !== undefined ||
    Object.keys(c).some((k) => k.startsWith(PREFIX) && k.length > PREFIX.length),
  explain(carrier) {
    const out: HeaderReport[] = [];
    const id = valuesOf(carrier, 'uber-trace-id');
    if (id.length > 0) {
      out.push(
        headerReport(
          'uber-trace-id',
          id,
          explainUberTraceId(id[0]),
          (f) => [
            ['trace-id', f.traceId],
            ['span-id', f.spanId],
            ['parent-span-id', `${f.parentSpanId} (deprecated, ignored)`],
            [
              'flags',
              `${flagsByte(f.flags)} sampled: ${yes(f.sampled)}, debug: ${yes(f.debug)}` +
                (f.firehose ? ', firehose (ignored)' : ''),
            ],
            ...(f.urlEncoded
              ? ([['encoding', 'URL-encoded, decoded first']] as [string, string][])
              : []),
          ],
          id.length > 1 ? ['sent more than once: only the first value is read'] : [],
        ),
      );
    }
    for (const name of Object.keys(carrier)) {
      if (!name.startsWith(PREFIX) || name.length === PREFIX.length) continue;
      const values = valuesOf(carrier, name);
      out.push(
        headerReport(name, values, explainUberctx(name, values[0]), (f) => [
          [
            `baggage ${f.key}`,
            JSON.stringify(f.value) + (f.decoded ? '' : ' (undecodable: kept as sent)'),
          ],
        ]),
      );
    }
    const jb = valuesOf(carrier, 'jaeger-baggage');
    if (jb.length > 0) {
      out.push(
        headerReport('jaeger-baggage', jb, explainJaegerBaggage(jb.join(',')), (f) =>
          f.items.map((i): [string, string] => [`baggage ${i.key}`, JSON.stringify(i.value)]),
        ),
      );
    }
    return out;
  },
  propagator: () => new JaegerPropagator(),
  official: () => officialPropagator('@opentelemetry/propagator-jaeger', 'JaegerPropagator'),
};
