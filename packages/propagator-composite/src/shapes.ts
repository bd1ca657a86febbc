/**
 * Objects the composite makes per request whose maps would otherwise die between requests (see
 * anchorShape in @baton/internal): one of each, built as the request path builds it, kept alive.
 * The overlay and the keys getter keep theirs in overlay.ts and getter.ts.
 */
import { ROOT_CONTEXT, type SpanContext } from '@opentelemetry/api';
import { anchorShape } from '@baton/internal';
import { Reconciliation } from './reconcile/reconciliation';

// keepTraceState's span context (the winner's, with the tracestate an earlier member carried).
const carried: SpanContext = {
  traceId: '',
  spanId: '',
  traceFlags: 0,
  isRemote: true,
  traceState: undefined,
};
anchorShape(carried);

// The reconciliation lives for one extract (Reconciliation, commit and finish were listed by
// bench/gc/weak-objects.js): one, having committed a step, is kept alive.
const reconciliation = new Reconciliation(ROOT_CONTEXT, false, false);
reconciliation.commit(0);
anchorShape(reconciliation);
