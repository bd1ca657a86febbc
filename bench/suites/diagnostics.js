/**
 * What leaving the broken-trace diagnostics on costs (issue 14: "at most +5% on the composite rows,
 * with no allocation on requests that have nothing to report").
 *
 * Both sides are Baton: the composite `OTEL_PROPAGATORS=tracecontext,baggage,b3,b3multi,jaeger`
 * resolves to, with diagnostics on (the default; the "Baton" column) and off (`diagnostics: false`;
 * the "official" column). The ratio is the overhead. Same carriers as composite.js, plus the two
 * paths the diagnostics add work to: nothing extracted and nothing to report (the carrier is looked
 * at), and a report suppressed by the rate limit.
 *
 * Allocation: `node bench/diagnostics-alloc.js`.
 */
'use strict';
const api = require('@opentelemetry/api');
const { headers } = require('../lib/wire');
const { resolvePropagators } = require('@baton/propagator-env');

const { ROOT_CONTEXT, defaultTextMapGetter: getter } = api;
// Nothing printed while timing (the rate-limited lines would go to stderr).
const env = { OTEL_LOG_LEVEL: 'none' };
const NAMES = 'tracecontext,baggage,b3,b3multi,jaeger';
const on = resolvePropagators(NAMES, { env });
const off = resolvePropagators(NAMES, { env, diagnostics: false });
const w3cOn = resolvePropagators('tracecontext,baggage', { env });
const w3cOff = resolvePropagators('tracecontext,baggage', { env, diagnostics: false });

const { TRACE_ID: T, SPAN_ID: S, ORDINARY, EVERY_FORMAT } = require('../lib/requests');
const onlyTraceparent = headers({ ...ORDINARY, traceparent: `00-${T}-${S}-01` });
const onlyB3 = headers({ ...ORDINARY, b3: `${T}-${S}-1` });
const everyFormat = headers(EVERY_FORMAT);
const conflicting = headers({ ...everyFormat, b3: `463ac35c9f6413ad48485a3953bb6124-${S}-1` });
const noTracing = headers(ORDINARY);
const unreadB3 = headers({ ...ORDINARY, 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-sampled': '1' });

const row = (label, carrier, withDiagnostics = on, without = off) => ({
  label: `${label} (diagnostics on vs off)`,
  baton: () => withDiagnostics.extract(ROOT_CONTEXT, carrier, getter),
  official: () => without.extract(ROOT_CONTEXT, carrier, getter),
});

module.exports = {
  name: 'diagnostics',
  rows: [
    row('composite extract, only traceparent', onlyTraceparent),
    row('composite extract, only b3', onlyB3),
    row('composite extract, every format present', everyFormat),
    row('composite extract, every format, two traces (conflict)', conflicting),
    row('composite extract, no tracing header (nothing to report)', noTracing),
    row(
      'tracecontext,baggage extract, x-b3-* unread (report rate-limited)',
      unreadB3,
      w3cOn,
      w3cOff,
    ),
  ],
  scaling: [],
};
