/**
 * `baton decode`, run as a real child process: argument, stdin (header lines, curl -v, JSON) and HAR
 * inputs, the --json shape, exit codes, and the mixed-fleet demo's headers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baton, batonJson, build, fixtures } from './run';

beforeAll(build, 180_000);

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';
const TP = `traceparent: 00-${T}-${S}-01`;
const NO_OFFICIAL = { BATON_NO_OFFICIAL: '1' };

interface Report {
  valid: boolean;
  requests: Array<{
    source: string;
    headers: Array<{ name: string; value: string }>;
    valid: boolean;
    formats: Array<{
      format: string;
      valid: boolean;
      headers: Array<{
        name: string;
        valid: boolean;
        fields: Record<string, unknown> | null;
        error: { rule: string; position: number } | null;
      }>;
      extracted: {
        traceId?: string;
        spanId?: string;
        sampled?: boolean;
        baggage?: Record<string, string>;
      } | null;
      official: { package: string; extracted: { traceId?: string } | null } | null;
    }>;
    traces: Array<{ traceId: string; formats: string[] }>;
    conflict: {
      extractions: Array<{ propagator: string; traceId: string }>;
      chosen: { propagator: string; traceId: string };
      precedence: string;
    } | null;
    problems: string[];
  }>;
}

describe('inputs', () => {
  test('headers as arguments: every field with its meaning, exit 0', () => {
    const r = baton(['decode', TP, 'tracestate: rojo=00f067aa0ba902b7']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`trace-id        ${T}`);
    expect(r.stdout).toContain('trace-flags     01 (0b00000001) sampled: yes, random: no');
    expect(r.stdout).toContain('rojo            00f067aa0ba902b7');
    expect(r.stdout).toContain(`Baton extracts    trace ${T} span ${S} sampled`);
  });

  test('stdin: a pasted block of header lines', () => {
    const { status, json } = batonJson<Report>(['decode'], {
      input: `GET / HTTP/1.1\nHost: x\nX-B3-TraceId: ${T}\nX-B3-SpanId: ${S}\nX-B3-Sampled: 1\n`,
      env: NO_OFFICIAL,
    });
    expect(status).toBe(0);
    expect(json.requests[0].formats.map((f) => f.format)).toEqual(['b3']);
    expect(json.requests[0].formats[0].extracted).toMatchObject({
      traceId: T,
      spanId: S,
      sampled: true,
    });
  });

  test('stdin: curl -v output (only the request headers, `> `, are read)', () => {
    const curl = [
      '*   Trying 127.0.0.1:8080...',
      '> GET /checkout HTTP/1.1',
      '> Host: localhost:8080',
      `> ${TP}`,
      '> ',
      '< HTTP/1.1 200 OK',
      `< traceparent: 00-${'1'.repeat(32)}-${S}-01`,
      '<',
    ].join('\n');
    const { json } = batonJson<Report>(['decode'], { input: curl, env: NO_OFFICIAL });
    expect(json.requests[0].formats[0].extracted?.traceId).toBe(T);
    expect(json.requests[0].headers).toHaveLength(2);
  });

  test('stdin and --file: a JSON object of headers, arrays for repeated headers', () => {
    const input = JSON.stringify({
      traceparent: [`00-${T}-${S}-01`, `00-${T}-${S}-00`],
      baggage: 'a=1',
    });
    const { status, json } = batonJson<Report>(['decode'], { input, env: NO_OFFICIAL });
    expect(status).toBe(1);
    // REQUIREMENTS §2: "Two `traceparent` values (an array of two) → invalid".
    expect(json.requests[0].formats[0].headers[0].error?.rule).toBe('traceparent/multiple-headers');
    const fromFile = batonJson<Report>(['decode', '--file', join(fixtures, 'headers.json')], {
      env: NO_OFFICIAL,
    });
    expect(fromFile.json.requests[0].formats.map((f) => f.format)).toEqual([
      'tracecontext',
      'baggage',
    ]);
  });

  test('a header that is neither argument nor stdin: usage error, exit 2', () => {
    const r = baton(['decode', 'traceparent 00-abc']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("write it as 'Name: value'");
  });
});

describe('verdicts', () => {
  test('an invalid header: the rule, the position under the value, what is expected, the spec; exit 1', () => {
    const r = baton(['decode', `traceparent: 00-${T.toUpperCase()}-${S}-01`], { env: NO_OFFICIAL });
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('traceparent/trace-id-uppercase'));
    expect(lines[at]).toContain("trace-id has uppercase 'B' at position 4");
    // The caret sits under the character at fault.
    const valueLine = lines[at + 1];
    const caretLine = lines[at + 2];
    expect(valueLine[caretLine.indexOf('^')]).toBe('B');
    expect(lines[at + 3]).toContain('expected        32 lowercase hex digits');
    expect(lines[at + 4]).toContain('spec            W3C Trace Context Level 2 §trace-id');
  });

  test('no known header: exit 1 and said so', () => {
    const r = baton(['decode', 'host: example.com']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('no propagation header of a known format');
  });

  test('B3 debug, deferred and 64-bit ids are decoded; Jaeger flags bit by bit', () => {
    const { json } = batonJson<Report>(
      ['decode', `b3: ${T.slice(16)}-${S}`, `uber-trace-id: ${T}:${S}:0:3`],
      { env: NO_OFFICIAL },
    );
    const [b3, jaeger] = json.requests[0].formats;
    expect(b3.headers[0].fields).toMatchObject({ traceId64: true, deferred: true, sampled: false });
    expect(jaeger.headers[0].fields).toMatchObject({ flags: 3, sampled: true, debug: true });
  });

  test('where the official package differs, it is said: an uppercase uber-trace-id (issue 14)', () => {
    const value = `uber-trace-id: ${T.toUpperCase()}:${S}:0:1`;
    const { json } = batonJson<Report>(['decode', value]);
    const jaeger = json.requests[0].formats[0];
    expect(jaeger.extracted).toBeNull();
    expect(jaeger.official?.package).toBe('@opentelemetry/propagator-jaeger');
    expect(jaeger.official?.extracted?.traceId).toBe(T.toUpperCase());
    expect(baton(['decode', value]).stdout).toContain(
      `official          @opentelemetry/propagator-jaeger extracts:\n                      trace ${T.toUpperCase()}`,
    );
    // Not installed (or disabled): no comparison.
    expect(
      batonJson<Report>(['decode', value], { env: NO_OFFICIAL }).json.requests[0].formats[0]
        .official,
    ).toBeNull();
  });

  test('two traces on one request: the conflict the composite reports, exit 1', () => {
    const other = '463ac35c9f6413ad48485a3953bb6124';
    const { status, json } = batonJson<Report>(
      ['decode', TP, `x-b3-traceid: ${other}`, `x-b3-spanid: ${S}`],
      { env: NO_OFFICIAL },
    );
    expect(status).toBe(1);
    expect(json.requests[0].conflict).toMatchObject({
      extractions: [
        { propagator: 'W3CTraceContext', traceId: T },
        { propagator: 'B3(multi)', traceId: other },
      ],
      chosen: { propagator: 'B3(multi)', traceId: other },
      precedence: 'last',
    });
  });

  test('hostile input never crashes the command', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString(
      'latin1',
    );
    for (const input of [
      garbage,
      `traceparent: ${'\u0000'.repeat(5000)}`,
      `baggage: ${'a=1,'.repeat(5000)}`,
      '{"traceparent": {"x": 1}}',
    ]) {
      const r = baton(['decode'], { input });
      expect(r.stderr).toBe('');
      expect([0, 1]).toContain(r.status);
    }
  });
});

describe('--json', () => {
  test('the documented shape (snapshot)', () => {
    const { json } = batonJson(
      ['decode', TP, 'baggage: user.tier=gold, bad key=1', `b3: ${T}-${S}-x`],
      { env: NO_OFFICIAL },
    );
    expect(json).toMatchSnapshot();
  });
});

describe('the mixed-fleet demo (examples/mixed-fleet), captured by scripts/capture-demo.js', () => {
  const hops = (file: string) =>
    JSON.parse(readFileSync(join(fixtures, file), 'utf8')).log.entries.length;

  test('the demo: one trace across every hop, nothing invalid, exit 0 — as its waterfall shows', () => {
    const { status, json } = batonJson<Report>(['decode', '--har', join(fixtures, 'demo.har')], {
      env: NO_OFFICIAL,
    });
    expect(status).toBe(0);
    expect(json.requests).toHaveLength(hops('demo.har'));
    // The client's request carries no trace: the gateway starts it (the waterfall's root span).
    expect(json.requests[0].traces).toEqual([]);
    const traces = new Set(json.requests.slice(1).flatMap((r) => r.traces.map((t) => t.traceId)));
    expect(traces.size).toBe(1);
    for (const r of json.requests) expect(r.conflict).toBeNull();
  });

  test('--misconfigure: the request to gateway /fx-rate carries two traces; the composite continues the B3 one', () => {
    const { status, json } = batonJson<Report>(
      ['decode', '--har', join(fixtures, 'demo-misconfigured.har')],
      { env: NO_OFFICIAL },
    );
    expect(status).toBe(1);
    const fx = json.requests.find((r) => r.source.endsWith('GET http://gateway/fx-rate'))!;
    const main = json.requests[1].traces[0].traceId; // the trace of the other hops
    expect(fx.conflict?.extractions).toEqual([
      { propagator: 'W3CTraceContext', traceId: main, spanId: expect.any(String) },
      {
        propagator: 'B3(multi)',
        traceId: expect.not.stringMatching(main),
        spanId: expect.any(String),
      },
    ]);
    expect(fx.conflict?.chosen.propagator).toBe('B3(multi)');
    // Every other hop is one trace, as in the waterfall.
    for (const r of json.requests) if (r !== fx) expect(r.conflict).toBeNull();
  });
});
