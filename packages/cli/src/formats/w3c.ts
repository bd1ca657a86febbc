/** W3C Trace Context (`traceparent`, `tracestate`), explained by @baton/propagator-w3c. */
import {
  W3CTraceContextPropagator,
  explainTraceparent,
  explainTracestate,
} from '@baton/propagator-w3c';
import { valuesOf, type Carrier } from '../headers';
import { officialPropagator } from '../official';
import { flagsByte, headerReport, yes } from './report';
import type { FormatExplainer, HeaderReport } from './types';

export const traceContext: FormatExplainer = {
  id: 'tracecontext',
  title: 'W3C Trace Context',
  readBy: ['tracecontext'],
  carriesTrace: true,
  present: (c) => c['traceparent'] !== undefined || c['tracestate'] !== undefined,
  explain(carrier: Carrier): HeaderReport[] {
    const out: HeaderReport[] = [];
    const tp = valuesOf(carrier, 'traceparent');
    const tpExplained = explainTraceparent(tp.length === 1 ? tp[0] : tp);
    if (tp.length > 0) {
      out.push(
        headerReport('traceparent', tp, tpExplained, (f) => [
          [
            'version',
            f.version +
              (f.version !== '00' ? ' (a later version: read as 00, forwarded as 00)' : ''),
          ],
          ['trace-id', f.traceId],
          ['parent-id', `${f.parentId} (the caller's span)`],
          [
            'trace-flags',
            `${flagsByte(f.traceFlags)} sampled: ${yes(f.sampled)}, random: ${yes(f.random)}` +
              (f.reservedFlags ? `, reserved bits ${f.reservedFlags.toString(16)} cleared` : ''),
          ],
          ...(f.extra ? ([['ignored', f.extra]] as [string, string][]) : []),
        ]),
      );
    }
    const ts = valuesOf(carrier, 'tracestate');
    if (ts.length > 0) {
      const notes = tpExplained.valid
        ? []
        : ['not read: tracestate is read only with a valid traceparent'];
      out.push(
        headerReport(
          'tracestate',
          ts,
          explainTracestate(ts.length === 1 ? ts[0] : ts),
          (f) =>
            f.members.length === 0
              ? [['members', '(none)']]
              : f.members.map((m) => [m.key, m.value]),
          notes,
        ),
      );
    }
    return out;
  },
  propagator: () => new W3CTraceContextPropagator(),
  official: () => officialPropagator('@opentelemetry/core', 'W3CTraceContextPropagator'),
};
