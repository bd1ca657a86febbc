/**
 * The explain API (explainXRayTraceHeader): every rejection rule of REQUIREMENTS §12 (X-Ray) has a
 * case whose rule id names it, and explain's verdict equals extract's over generated values.
 *
 * REQUIREMENTS §12: "`X-Amzn-Trace-Id: Root=1-{8hex}-{24hex};Parent={16hex};Sampled={0|1|?}`,
 * fields in any order matched by exact key, `Lineage`/`Self`/unknown keys tolerated; `?` or missing
 * `Sampled` → deferred (context kept, not sampled); Lineage carried in baggage key `Lineage`."
 */
import fc from 'fast-check';
import { ROOT_CONTEXT, defaultTextMapGetter, trace } from '@opentelemetry/api';
import {
  AWSXRayPropagator,
  explainXRayTraceHeader,
  getXRayRootOnly,
} from '@baton/propagator-aws-xray';
import { diagnoseXRayTraceHeader } from '../src/explain';

const ROOT = 'Root=1-5759e988-bd862e3fe1be46a994272793';
const PARENT = 'Parent=53995c3f42cd8ad8';
const VALID = `${ROOT};${PARENT};Sampled=1`;
const xray = new AWSXRayPropagator();

describe('explainXRayTraceHeader: every rejection names its rule', () => {
  test.each([
    // [quoted rule, value, rule id, position]
    [
      '"Root=1-{8hex}-{24hex}": the version is 1',
      `Root=2-5759e988-bd862e3fe1be46a994272793;${PARENT}`,
      'x-amzn-trace-id/root-version',
      5,
    ],
    [
      '"Root=1-{8hex}-{24hex}": 35 characters',
      `Root=1-5759e988-bd862e3f;${PARENT}`,
      'x-amzn-trace-id/root-length',
      5,
    ],
    [
      '"Root=1-{8hex}-{24hex}": a dash after the epoch',
      `Root=1-5759e988xbd862e3fe1be46a994272793;${PARENT}`,
      'x-amzn-trace-id/root-dash',
      15,
    ],
    [
      'REQUIREMENTS §1 "ids are lowercase hex"',
      `Root=1-5759E988-bd862e3fe1be46a994272793;${PARENT}`,
      'x-amzn-trace-id/root-uppercase',
      11,
    ],
    [
      '"{24hex}"',
      `Root=1-5759e988-bd862e3fe1be46a99427279g;${PARENT}`,
      'x-amzn-trace-id/root-not-hex',
      39,
    ],
    [
      'REQUIREMENTS §1 "not all zero" (trace id)',
      `Root=1-00000000-000000000000000000000000;${PARENT}`,
      'x-amzn-trace-id/trace-id-all-zero',
      7,
    ],
    [
      '"Parent={16hex}": 16 characters',
      `${ROOT};Parent=53995c3f42cd8ad`,
      'x-amzn-trace-id/parent-length',
      48,
    ],
    [
      '"Parent={16hex}": lowercase',
      `${ROOT};Parent=53995C3f42cd8ad8`,
      'x-amzn-trace-id/parent-uppercase',
      53,
    ],
    [
      '"Parent={16hex}": hex',
      `${ROOT};Parent=53995x3f42cd8ad8`,
      'x-amzn-trace-id/parent-not-hex',
      53,
    ],
    [
      'REQUIREMENTS §1 "not all zero" (span id)',
      `${ROOT};Parent=0000000000000000`,
      'x-amzn-trace-id/parent-all-zero',
      48,
    ],
    ['"Sampled={0|1|?}"', `${ROOT};${PARENT};Sampled=yes`, 'x-amzn-trace-id/sampled-value', 73],
    [
      '"matched by exact key": Root is required',
      `root=1-5759e988-bd862e3fe1be46a994272793;${PARENT}`,
      'x-amzn-trace-id/root-missing',
      -1,
    ],
    ['key=value fields', `${ROOT};${PARENT};Sampled`, 'x-amzn-trace-id/field-without-equals', 65],
    [
      'a key twice is ambiguous',
      `${ROOT};${PARENT};${PARENT}`,
      'x-amzn-trace-id/duplicate-key',
      65,
    ],
    [
      'REQUIREMENTS §1 "per-format caps … applied before work"',
      `${VALID};${'x=1;'.repeat(8)}`.padEnd(600, 'a'),
      'x-amzn-trace-id/too-long',
      512,
    ],
    ['field count capped', `${ROOT};${';'.repeat(40)}`, 'x-amzn-trace-id/too-many-fields', 72],
  ])('%s: %s', (_rule, value, ruleId, position) => {
    const e = explainXRayTraceHeader(value);
    expect(e.valid).toBe(false);
    expect(e.error?.rule).toBe(ruleId);
    expect(e.error?.position).toBe(position);
    expect(e.error?.spec).toBe('AWS X-Ray Developer Guide §Tracing header');
  });

  test('not text (a number from a non-HTTP carrier)', () => {
    expect(explainXRayTraceHeader(42).error?.rule).toBe('x-amzn-trace-id/not-text');
  });
});

describe('what a valid header says', () => {
  test('"fields in any order"; "`Lineage`/`Self`/unknown keys tolerated"; the load-balancer shape', () => {
    const e = explainXRayTraceHeader(
      `Self=1-67891234-12456789abcdef012345678;${ROOT};Sampled=?;Lineage=10:1234abcd:3;Foo=bar`,
    );
    expect(e).toEqual({
      valid: true,
      error: undefined,
      fields: {
        traceId: '5759e988bd862e3fe1be46a994272793',
        root: '1-5759e988-bd862e3fe1be46a994272793',
        epochSeconds: 0x5759e988,
        parentId: undefined,
        sampling: 'deferred',
        lineage: '10:1234abcd:3',
        lineageDropped: undefined,
        self: '1-67891234-12456789abcdef012345678',
        otherKeys: ['Foo'],
      },
    });
  });

  test('"`?` or missing `Sampled` → deferred"; an invalid Lineage is dropped, the trace kept', () => {
    const e = explainXRayTraceHeader(`${PARENT};${ROOT};Lineage=nope`);
    expect(e.fields).toMatchObject({
      sampling: 'deferred',
      lineage: undefined,
      lineageDropped: 'nope',
    });
    expect(explainXRayTraceHeader(VALID).fields?.sampling).toBe('sampled');
    expect(explainXRayTraceHeader(Buffer.from(VALID)).valid).toBe(true);
  });
});

const HEX = [...'0123456789abcdefA'];
const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(...HEX), minLength: n - 1, maxLength: n + 1 });
const field = fc.oneof(
  fc.tuple(hex(8), hex(24), fc.constantFrom('1', '2')).map(([e, r, v]) => `Root=${v}-${e}-${r}`),
  hex(16).map((p) => `Parent=${p}`),
  fc.constantFrom('Sampled=1', 'Sampled=0', 'Sampled=?', 'Sampled=', 'Sampled=10'),
  fc.constantFrom(
    'Lineage=10:1234abcd:3',
    'Lineage=x',
    'Self=1-a-b',
    'k=v',
    'root=1',
    '',
    ' ',
    'x',
  ),
);
const xrayLike = fc.oneof(
  fc.array(field, { maxLength: 6 }).map((fs) => fs.join(';')),
  fc
    .constantFrom('0', '0000', '00000000')
    .map((z) => `Root=1-${z.padEnd(8, '0')}-${'0'.repeat(24)};${PARENT}`),
  fc.string({ maxLength: 100 }),
);

test('explain(v).valid === extract finds a span context or a Root-only header, and every rejection has a rule', () => {
  fc.assert(
    fc.property(xrayLike, (v) => {
      const ctx = xray.extract(ROOT_CONTEXT, { 'x-amzn-trace-id': v }, defaultTextMapGetter);
      const sc = trace.getSpanContext(ctx);
      const e = explainXRayTraceHeader(v);
      // A Root-only header is valid and continues no span: extract records it (getXRayRootOnly).
      expect(e.valid).toBe(sc !== undefined || getXRayRootOnly(ctx) !== undefined);
      if (sc !== undefined) {
        expect(e.valid).toBe(true);
        expect([e.fields?.traceId, e.fields?.parentId, e.fields?.sampling === 'sampled']).toEqual([
          sc.traceId,
          sc.spanId,
          sc.traceFlags === 1,
        ]);
      }
      expect(diagnoseXRayTraceHeader(v) === undefined).toBe(e.valid);
    }),
    { numRuns: 5_000 },
  );
});
