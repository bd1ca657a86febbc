/**
 * Issue 14: "A header that a member read and rejected is reported the same way, with the rule that
 * rejected it and a truncated value." Every format propagator explains its rejections under
 * EXPLAIN_REJECTION (from its package's explain API), so the report names the rule, its spec and the
 * position — not only the format's grammar. One case per format, through a real composite with
 * diagnostics on.
 */
import { ROOT_CONTEXT, defaultTextMapGetter } from '@opentelemetry/api';
import { EXPLAIN_REJECTION, propagatorFromEnv } from '@baton/propagator-env';
import type { DiagnosticReport } from '@baton/propagator-env';
import { W3CBaggagePropagator } from '@baton/propagator-w3c';
import { PlatformIdPropagator, createHeaderPropagator } from '@baton/propagator-platform-id';
import { EXPLAIN_REJECTION as INTERNAL_KEY } from '@baton/internal';

const T = '0af7651916cd43dd8448eb211c80319c';
const S = 'b7ad6b7169203331';
const ROOT = 'Root=1-5759e988-bd862e3fe1be46a994272793';

function rejectedReports(names: string, carrier: Record<string, string>): DiagnosticReport[] {
  const reports: DiagnosticReport[] = [];
  const p = propagatorFromEnv(
    { OTEL_PROPAGATORS: names, OTEL_LOG_LEVEL: 'none' },
    { diagnostics: { onReport: (r) => void reports.push(r), intervalMs: 60_000 } },
  );
  p.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
  return reports.filter((r) => r.kind === 'rejected-header');
}

test('propagator-env re-exports the key format packages implement (@baton/internal)', () => {
  expect(EXPLAIN_REJECTION).toBe(INTERNAL_KEY);
  expect(EXPLAIN_REJECTION).toBe(Symbol.for('@baton/internal explain-rejection'));
});

describe('a rejected header is reported with its rule and spec, per format', () => {
  test.each<[string, string, Record<string, string>, string, RegExp, number | undefined]>([
    // [OTEL_PROPAGATORS, header, carrier, rule id, spec, position]
    [
      'tracecontext,baggage,b3multi',
      'traceparent',
      { traceparent: `00-${'0'.repeat(32)}-${S}-01` },
      'traceparent/trace-id-all-zero',
      /^W3C Trace Context Level 2 §/,
      3,
    ],
    ['tracecontext,b3', 'b3', { b3: `${T}-${S}-x` }, 'b3/sampling-state', /^B3 /, 50],
    [
      'tracecontext,b3multi',
      'x-b3-traceid',
      { 'x-b3-traceid': T.toUpperCase(), 'x-b3-spanid': S },
      'x-b3-traceid/trace-id-uppercase',
      /^B3 /,
      1,
    ],
    [
      'tracecontext,jaeger',
      'uber-trace-id',
      { 'uber-trace-id': `${T.toUpperCase()}:${S}:0:1` },
      'uber-trace-id/trace-id-uppercase',
      /^Jaeger Propagation Format §/,
      1,
    ],
    [
      'tracecontext,xray',
      'x-amzn-trace-id',
      { 'x-amzn-trace-id': `${ROOT};Parent=${'0'.repeat(16)};Sampled=1` },
      'x-amzn-trace-id/parent-all-zero',
      /^AWS X-Ray /,
      48,
    ],
    [
      'tracecontext,xray-lambda',
      'x-amzn-trace-id',
      { 'x-amzn-trace-id': `${ROOT};Parent=${S};Sampled=yes` },
      'x-amzn-trace-id/sampled-value',
      /^AWS X-Ray /,
      73,
    ],
    [
      'tracecontext,ottrace',
      'ot-tracer-traceid',
      { 'ot-tracer-traceid': T.slice(0, 20), 'ot-tracer-spanid': S },
      'ot-tracer-traceid/length',
      /^OT Trace /,
      0,
    ],
    [
      'tracecontext,gcp',
      'x-cloud-trace-context',
      { 'x-cloud-trace-context': `${T}/0;o=1` },
      'x-cloud-trace-context/span-id-zero',
      /^Google Cloud Trace /,
      33,
    ],
    [
      'tracecontext,oneway-gcp',
      'x-cloud-trace-context',
      { 'x-cloud-trace-context': `${T}/123abc` },
      'x-cloud-trace-context/trailing-garbage',
      /^Google Cloud Trace /,
      36,
    ],
  ])('%s receiving a bad %s', (names, header, carrier, ruleId, spec, position) => {
    const reports = rejectedReports(names, carrier);
    expect(reports).toHaveLength(1);
    const { reason, message } = reports[0] as DiagnosticReport & {
      reason: { rule: string; spec?: string; position?: number };
    };
    expect(reports[0].header).toBe(header);
    expect(reason.rule).toContain(`(${ruleId})`);
    expect(reason.rule).not.toContain('does not match'); // not the generic grammar
    expect(reason.spec).toMatch(spec);
    expect(reason.position).toBe(position);
    expect(message).toContain(`(${ruleId})`);
    expect(message).toContain(`(${reason.spec}); its trace was not continued.`);
    expect(message.split(`at position ${position}`)).toHaveLength(2); // said once
  });

  test("the whole line, for the brief's example", () => {
    const value = `00-${'0'.repeat(32)}-${S}-01`;
    const [report] = rejectedReports('tracecontext,baggage', { traceparent: value });
    expect(report.message).toBe(
      `@baton/propagator-env: W3CTraceContext rejected traceparent ${JSON.stringify(value)}: ` +
        `${(report as unknown as { reason: { rule: string } }).reason.rule} at position 3 ` +
        '(W3C Trace Context Level 2 §trace-id); its trace was not continued.',
    );
  });

  test('X-Ray: a valid Root-only header continues no span, and says so', () => {
    const [report] = rejectedReports('xray', { 'x-amzn-trace-id': `${ROOT};Sampled=1` });
    expect((report as unknown as { reason: { rule: string } }).reason.rule).toContain(
      '(x-amzn-trace-id/root-only)',
    );
  });
});

describe('the members no report reaches today explain themselves too', () => {
  test('W3C baggage', () => {
    const explain = new W3CBaggagePropagator()[EXPLAIN_REJECTION];
    expect(explain('baggage', 'k=%zz')?.rule).toMatch(/\(baggage\/[a-z-]+\)$/);
    expect(explain('baggage', 'k=v')).toBeUndefined();
    expect(explain('traceparent', 'x')).toBeUndefined();
  });

  test('platform-id and createHeaderPropagator (with a validate option)', () => {
    const p = new PlatformIdPropagator();
    expect(p[EXPLAIN_REJECTION]('platform-id', 'a,b')).toBeUndefined(); // first member kept
    expect(p[EXPLAIN_REJECTION]('platform-id', 'a\u0001')?.rule).toMatch(
      /\(platform-id\/[a-z-]+\)$/,
    );
    const tenant = createHeaderPropagator({ header: 'x-tenant', validate: (v) => v !== 'bad' });
    expect(tenant.propagator[EXPLAIN_REJECTION]('x-tenant', 'bad')?.rule).toContain(
      'x-tenant/validate',
    );
    expect(tenant.propagator[EXPLAIN_REJECTION]('x-tenant', 'good')).toBeUndefined();
  });

  test('a value that is valid, or another header, is not explained', () => {
    const reports = rejectedReports('tracecontext,ottrace', {
      'ot-tracer-traceid': T,
      'ot-tracer-spanid': 'zz',
    });
    // The trace id is fine; the fault is in the span id, which the diagnostics do not pass: the
    // generic grammar is the honest answer.
    expect((reports[0] as unknown as { reason: { rule: string } }).reason.rule).toContain(
      'does not match',
    );
  });
});
