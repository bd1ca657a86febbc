/**
 * `baton decode` and `baton convert` for AWS X-Ray, OT Trace and Google Cloud Trace (issues 15 and
 * 19: "Every format in the pack is decoded"), run as real child processes: argument, stdin and HAR
 * inputs, the --json shape, exit codes, and the official package's answer where it differs.
 */
import { join } from 'node:path';
import { baton, batonJson, build, fixtures } from './run';

beforeAll(build, 180_000);

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';
const NO_OFFICIAL = { BATON_NO_OFFICIAL: '1' };
const ROOT = 'Root=1-5759e988-bd862e3fe1be46a994272793';
const XRAY = `${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;

interface HeaderJson {
  name: string;
  valid: boolean;
  fields: Record<string, unknown> | null;
  error: { rule: string; spec: string; position: number } | null;
}
interface Report {
  valid: boolean;
  requests: Array<{
    source: string;
    valid: boolean;
    formats: Array<{
      format: string;
      valid: boolean;
      readBy: string[];
      headers: HeaderJson[];
      extracted: Record<string, unknown> | null;
      official: { package: string; extracted: Record<string, unknown> | null } | null;
    }>;
    traces: Array<{ traceId: string; formats: string[] }>;
    conflict: { chosen: { propagator: string } } | null;
    problems: string[];
  }>;
}

describe('AWS X-Ray: REQUIREMENTS §12 "`X-Amzn-Trace-Id: Root=1-{8hex}-{24hex};Parent={16hex};Sampled={0|1|?}`"', () => {
  test('an argument, with Lineage, Sampled=? and Self: every field, exit 0', () => {
    const r = baton(
      [
        'decode',
        `X-Amzn-Trace-Id: Self=1-67891234-12456789abcdef012345678;${ROOT};Parent=53995c3f42cd8ad8;Sampled=?;Lineage=10:1234abcd:3`,
      ],
      { env: NO_OFFICIAL },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'AWS X-Ray            valid   read by OTEL_PROPAGATORS=xray|xray-lambda',
    );
    expect(r.stdout).toContain('trace-id        5759e988bd862e3fe1be46a994272793');
    expect(r.stdout).toContain('root            1-5759e988-bd862e3fe1be46a994272793');
    expect(r.stdout).toContain('epoch           2016-06-09T22:11:20Z (a start time if');
    expect(r.stdout).toContain('sampling        deferred (Sampled=? or absent)');
    expect(r.stdout).toContain('lineage         10:1234abcd:3 (carried in baggage Lineage)');
    expect(r.stdout).toContain(
      'self            1-67891234-12456789abcdef012345678 (added by a load balancer',
    );
    // "`?` or missing `Sampled` → deferred (context kept, not sampled)"
    expect(r.stdout).toContain(
      'Baton extracts    trace 5759e988bd862e3fe1be46a994272793 span 53995c3f42cd8ad8 not sampled, def',
    );
  });

  test('the load-balancer shape (Root only): valid, no parent span, exit 0 — from a HAR file', () => {
    const { status, json } = batonJson<Report>(
      ['decode', '--har', join(fixtures, 'legacy-formats.har')],
      { env: NO_OFFICIAL },
    );
    expect(status).toBe(0);
    const alb = json.requests[1];
    expect(alb.source).toMatch(/entry 2: GET http:\/\/orders\/$/);
    expect(alb.formats[0]).toMatchObject({
      format: 'xray',
      valid: true,
      extracted: { rootOnly: '67891233abcdef012345678912345678' },
    });
    // --json writes an absent field as null: no Parent.
    expect(alb.formats[0].headers[0].fields).toMatchObject({
      parentId: null,
      sampling: 'deferred',
    });
    const text = baton(['decode', '--har', join(fixtures, 'legacy-formats.har')], {
      env: NO_OFFICIAL,
    });
    expect(text.stdout).toContain('no parent span: X-Ray Root only');
  });

  test('an invalid header: the rule, its spec and position; exit 1', () => {
    const { status, json } = batonJson<Report>(
      ['decode', `x-amzn-trace-id: ${ROOT};Parent=0000000000000000;Sampled=1`],
      { env: NO_OFFICIAL },
    );
    expect(status).toBe(1);
    expect(json.requests[0].formats[0].headers[0].error).toMatchObject({
      rule: 'x-amzn-trace-id/parent-all-zero',
      spec: 'AWS X-Ray Developer Guide §Tracing header',
      position: 48,
    });
    expect(json.requests[0].problems).toEqual(['x-amzn-trace-id: x-amzn-trace-id/parent-all-zero']);
  });

  test('where the official package differs, it is said (it rejects Sampled=?)', () => {
    const { json } = batonJson<Report>([
      'decode',
      `x-amzn-trace-id: ${ROOT};Parent=53995c3f42cd8ad8;Sampled=?`,
    ]);
    expect(json.requests[0].formats[0].official).toEqual({
      package: '@opentelemetry/propagator-aws-xray',
      extracted: null,
    });
  });
});

describe('OT Trace: REQUIREMENTS §12 "`ot-tracer-traceid` (16 or 32 hex), `ot-tracer-spanid`, `ot-tracer-sampled`, `ot-baggage-*`"', () => {
  test('stdin (a pasted block): the three headers as one context, baggage items; exit 0', () => {
    const r = baton(['decode'], {
      input: `OT-Tracer-TraceId: ${S}\nOT-Tracer-SpanId: 53995c3f42cd8ad8\nOT-Tracer-Sampled: 1\nOT-Baggage-Tenant: acme\n`,
      env: NO_OFFICIAL,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`ot-tracer-*: traceid=${S} spanid=53995c3f42cd8ad8 sampled=1`);
    expect(r.stdout).toContain(`trace-id        ${'0'.repeat(16)}${S} (64-bit id, left-padded)`);
    expect(r.stdout).toContain('sampled         yes (1)');
    expect(r.stdout).toContain('baggage tenant  "acme"');
  });

  test('an unreadable ot-tracer-sampled invalidates the context (the Decision), exit 1', () => {
    const { status, json } = batonJson<Report>(
      [
        'decode',
        `ot-tracer-traceid: ${T}`,
        'ot-tracer-spanid: 53995c3f42cd8ad8',
        'ot-tracer-sampled: yes',
        'ot-baggage-k: v',
      ],
      { env: NO_OFFICIAL },
    );
    expect(status).toBe(1);
    const ot = json.requests[0].formats[0];
    expect(ot.headers[0].error?.rule).toBe('ot-tracer-sampled/value');
    expect(ot.extracted).toBeNull();
  });

  test('the official package reads `yes` as not sampled: the difference is shown', () => {
    const { json } = batonJson<Report>([
      'decode',
      `ot-tracer-traceid: ${T}`,
      'ot-tracer-spanid: 53995c3f42cd8ad8',
      'ot-tracer-sampled: yes',
    ]);
    expect(json.requests[0].formats[0].official).toMatchObject({
      package: '@opentelemetry/propagator-ot-trace',
      extracted: { traceId: T, sampled: false },
    });
  });
});

describe('Google Cloud Trace: REQUIREMENTS §12 "`X-Cloud-Trace-Context: {32hex}/{u64 decimal}[;o=0|1]`"', () => {
  test('HAR: the load balancer sends X-Cloud-Trace-Context and traceparent of one trace (oneway-gcp)', () => {
    const { json } = batonJson<Report>(['decode', '--har', join(fixtures, 'legacy-formats.har')], {
      env: NO_OFFICIAL,
    });
    const lb = json.requests[0];
    expect(lb.formats.map((f) => f.format)).toEqual(['tracecontext', 'gcp']);
    expect(lb.formats[1]).toMatchObject({ readBy: ['gcp', 'oneway-gcp'], valid: true });
    // "exact decimal ↔ hex": 1234567890123456789 = 0x112210f47de98115
    expect(lb.formats[1].headers[0].fields).toEqual({
      traceId: '105445aa7843bc8bf206b12000100000',
      spanId: '112210f47de98115',
      spanIdDecimal: '1234567890123456789',
      sampled: true,
      option: '1',
    });
    expect(lb.traces).toEqual([
      { traceId: '105445aa7843bc8bf206b12000100000', formats: ['tracecontext', 'gcp'] },
    ]);
    expect(lb.conflict).toBeNull();
    const ot = json.requests[2];
    expect(ot.formats[0].extracted).toMatchObject({ baggage: { tenant: 'acme' }, sampled: true });
  });

  test('"zero … rejected": exit 1; the official package extracts an invalid span id, and it is said', () => {
    const r = baton(['decode', `X-Cloud-Trace-Context: ${T}/0;o=1`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('x-cloud-trace-context/span-id-zero  the span id is 0');
    expect(r.stdout).toContain(
      'official          @google-cloud/opentelemetry-cloud-trace-propagator extracts:',
    );
    expect(r.stdout).toContain(`trace ${T} span 0000000000000000 sampled`);
    // The official package's deprecation warning is not part of the report.
    expect(r.stderr).toBe('');
  });

  test('two traces on one request (gcp and traceparent differ): the conflict, exit 1', () => {
    const { status, json } = batonJson<Report>(
      ['decode', `traceparent: 00-${T}-${S}-01`, `x-cloud-trace-context: ${'1'.repeat(32)}/7;o=1`],
      { env: NO_OFFICIAL },
    );
    expect(status).toBe(1);
    expect(json.requests[0].traces).toHaveLength(2);
    expect(json.requests[0].conflict?.chosen.propagator).toBe('CloudTrace');
  });
});

describe('convert --to xray | xray-lambda | ottrace | gcp | oneway-gcp', () => {
  test('what each propagator injects', () => {
    const r = baton([
      'convert',
      '--to',
      'xray,ottrace,gcp',
      `traceparent: 00-${T}-${S}-01`,
      'baggage: user=alice',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('#') && l !== '')).toEqual([
      `x-amzn-trace-id: Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=${S};Sampled=1`,
      `ot-tracer-traceid: ${T}`,
      `ot-tracer-spanid: ${S}`,
      'ot-tracer-sampled: true',
      'ot-baggage-user: alice',
      // 0x00f067aa0ba902b7 = 67667974448284343
      `x-cloud-trace-context: ${T}/67667974448284343;o=1`,
    ]);
    expect(
      baton(['convert', '--to', 'xray-lambda', `traceparent: 00-${T}-${S}-00`]).stdout,
    ).toContain(`x-amzn-trace-id: Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=${S};Sampled=0`);
  });

  test('from X-Ray (Lineage travels as baggage) to W3C', () => {
    const { json } = batonJson<{ requests: Array<{ headers: Record<string, string> }> }>([
      'convert',
      '--to',
      'tracecontext,baggage',
      `x-amzn-trace-id: ${XRAY};Lineage=10:1234abcd:3`,
    ]);
    expect(json.requests[0].headers).toEqual({
      traceparent: '00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01',
      baggage: 'Lineage=10%3A1234abcd%3A3',
    });
  });

  test('oneway-gcp writes nothing of its own: nothing to send, exit 1', () => {
    const r = baton(['convert', '--to', 'oneway-gcp', `traceparent: 00-${T}-${S}-01`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('# CloudTrace(one-way) writes no header for this context');
  });
});
