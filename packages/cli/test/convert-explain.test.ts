/** `baton convert` and `baton explain` (+ --compare), run as real child processes. */
import { join } from 'node:path';
import type { CompareReport, ExplainReport } from '../src/explain';
import { baton, batonJson, build, fixtures } from './run';

beforeAll(build, 180_000);

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';
const TP = `traceparent: 00-${T}-${S}-01`;

describe('convert', () => {
  test('W3C to B3 single and Jaeger: exactly what the propagators inject', () => {
    const r = baton(['convert', '--to', 'b3,jaeger', TP, 'baggage: user.tier=gold']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('#') && l !== '')).toEqual([
      `b3: ${T}-${S}-1`,
      `uber-trace-id: ${T}:${S}:0:01`,
      'uberctx-user.tier: gold',
    ]);
  });

  test('B3 debug to Jaeger keeps debug (flags 3); --from restricts what is read', () => {
    const { json } = batonJson<{ requests: Array<{ headers: Record<string, string> }> }>([
      'convert',
      '--to',
      'jaeger',
      '--from',
      'b3',
      `b3: ${T}-${S}-d`,
      `traceparent: 00-${'1'.repeat(32)}-${S}-01`,
    ]);
    expect(json.requests[0].headers).toEqual({ 'uber-trace-id': `${T}:${S}:0:03` });
  });

  test('a round trip through decode gives back the same trace', () => {
    const out = baton(['convert', '--to', 'b3multi', TP]).stdout;
    const headers = out.split('\n').filter((l) => l.startsWith('x-b3-'));
    const { json } = batonJson<{
      requests: Array<{ formats: Array<{ extracted: { traceId: string; spanId: string } }> }>;
    }>(['decode', ...headers], {
      env: { BATON_NO_OFFICIAL: '1' },
    });
    expect(json.requests[0].formats[0].extracted).toMatchObject({ traceId: T, spanId: S });
  });

  test('nothing to convert: exit 1; an unknown --to name or no --to: exit 2', () => {
    expect(baton(['convert', '--to', 'b3', 'traceparent: nope']).status).toBe(1);
    const unknown = baton(['convert', '--to', 'b3mutli', TP]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown propagator "b3mutli"');
    expect(baton(['convert', TP]).status).toBe(2);
  });
});

describe('explain', () => {
  test('the chain, the headers each member reads and writes, from OTEL_PROPAGATORS', () => {
    const { status, json } = batonJson<ExplainReport>(['explain'], {
      env: { OTEL_PROPAGATORS: 'tracecontext,b3multi,jaeger' },
    });
    expect(status).toBe(0);
    expect(json.chain.description).toBe('Composite[W3CTraceContext, B3(multi), Jaeger]');
    expect(json.chain.members[1]).toEqual({
      name: 'b3multi',
      description: 'B3(multi)',
      reads: {
        names: ['b3', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled', 'x-b3-flags'],
        prefixes: [],
      },
      writes: ['x-b3-traceid', 'x-b3-spanid', 'x-b3-flags', 'x-b3-sampled'],
    });
    expect(json.chain.members[2].reads!.prefixes).toEqual(['uberctx-']);
  });

  test('every warning the resolver gives (the issue 14 typo), exit 1', () => {
    const r = baton(['explain', '--propagators', 'tracecontext,b3mutli']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('warning --propagators: unknown propagator "b3mutli"; skipped.');
    expect(r.stdout).toContain('resolves to  W3CTraceContext');
  });

  test('"the trace stops at the gateway": x-b3-* at a tracecontext service is ignored, with the fix', () => {
    const { status, json } = batonJson<ExplainReport>([
      'explain',
      '--propagators',
      'tracecontext,baggage',
      `x-b3-traceid: ${T}`,
      `x-b3-spanid: ${S}`,
    ]);
    expect(status).toBe(1);
    expect(json.request!.continues).toBeNull();
    expect(json.request!.formats[0]).toMatchObject({
      format: 'b3',
      outcome: 'ignored',
      readBy: [],
      hint: 'add b3multi to OTEL_PROPAGATORS to read B3',
    });
    expect(
      baton([
        'explain',
        '--propagators',
        'tracecontext,baggage',
        `x-b3-traceid: ${T}`,
        `x-b3-spanid: ${S}`,
      ]).stdout,
    ).toContain('starts a new trace');
  });

  test('a rejected header names its rule; a read one is continued', () => {
    const { json } = batonJson<ExplainReport>([
      'explain',
      '--propagators',
      'jaeger,tracecontext',
      `uber-trace-id: ${T.toUpperCase()}:${S}:0:01`,
      TP,
    ]);
    expect(json.request!.formats.map((f) => f.outcome)).toEqual(['read', 'rejected']);
    expect(json.request!.formats[1].headers[0].error!.rule).toBe(
      'uber-trace-id/trace-id-uppercase',
    );
    expect(json.request!.continues).toMatchObject({ traceId: T, spanId: S });
  });

  test("the demo misconfigured: the gateway /fx-rate request, through the gateway's own setting", () => {
    const { json } = batonJson<ExplainReport>([
      'explain',
      '--propagators',
      'tracecontext,baggage,b3multi,jaeger,platform-id',
      '--file',
      join(fixtures, 'demo-misconfigured.har'),
    ]);
    // The file's first request (client -> gateway) carries no trace: the gateway starts one.
    expect(json.request!.continues!.traceId).toBeUndefined();
  });

  test("--precedence first keeps the first member's trace on a conflict", () => {
    const other = '463ac35c9f6413ad48485a3953bb6124';
    const args = [
      'explain',
      '--propagators',
      'tracecontext,b3multi',
      TP,
      `x-b3-traceid: ${other}`,
      `x-b3-spanid: ${S}`,
    ];
    expect(batonJson<ExplainReport>(args).json.request!.continues!.traceId).toBe(other);
    expect(
      batonJson<ExplainReport>([...args, '--precedence', 'first']).json.request!.conflict!.chosen
        .traceId,
    ).toBe(T);
    expect(baton([...args, '--precedence', 'middle']).status).toBe(2);
  });
});

describe('explain --compare', () => {
  test('gateway -> legacy-jaeger: trace and baggage survive, platform-id is lost (exit 1)', () => {
    const { status, json } = batonJson<CompareReport>([
      'explain',
      '--compare',
      'tracecontext,baggage,b3multi,jaeger,platform-id',
      'jaeger',
    ]);
    expect(status).toBe(1);
    expect(json.items).toEqual([
      { item: 'trace', sent: `${T}-${S}`, received: `${T}-${S}`, survives: true },
      { item: 'sampled', sent: 'true', received: 'true', survives: true },
      { item: 'baggage user.tier', sent: 'gold', received: 'gold', survives: true },
      { item: 'platform-id', sent: 'plat-7f3a', received: null, survives: false },
    ]);
    expect(json.unread).toEqual(['W3C Trace Context', 'W3C Baggage', 'B3', 'platform-id']);
  });

  test('b3multi -> tracecontext: nothing survives; same lists: everything survives (exit 0)', () => {
    const lost = batonJson<CompareReport>(['explain', '--compare', 'b3multi', 'tracecontext']);
    expect(lost.status).toBe(1);
    expect(lost.json.items[0]).toMatchObject({ item: 'trace', received: null, survives: false });
    expect(
      baton(['explain', '--compare', 'tracecontext,baggage', 'tracecontext,baggage']).status,
    ).toBe(0);
  });

  test('the context comes from the given headers when there are some', () => {
    const { json } = batonJson<CompareReport>([
      'explain',
      '--compare',
      'tracecontext',
      'tracecontext',
      `traceparent: 00-${'a'.repeat(32)}-${S}-00`,
    ]);
    expect(json.items[0]).toMatchObject({ sent: `${'a'.repeat(32)}-${S}`, survives: true });
    expect(json.items[1]).toMatchObject({ sent: 'false', survives: true });
  });

  test('--compare with one list is a usage error', () => {
    expect(baton(['explain', '--compare', 'tracecontext']).status).toBe(2);
  });
});
