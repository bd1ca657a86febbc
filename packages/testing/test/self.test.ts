/**
 * The kit's own tests: a correct toy propagator passes every rule, and each deliberately broken
 * variant fails the rule it breaks ("Its own tests prove it fails for deliberately broken
 * propagators, one per rule", issue 18). Fixed seeds keep the fuzzed rules deterministic.
 */
import { checkConformance, type ConformanceVector, type RuleId } from '@baton/testing';
import { ToyPropagator, type Breaks } from './toy';

jest.setTimeout(60_000);

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';
const vectors: ConformanceVector[] = [
  {
    name: 'a sampled context',
    carrier: { 'x-toy': `${T}-${S}-01` },
    spanContext: { traceId: T, spanId: S, sampled: true },
    injects: { 'x-toy': `${T}-${S}-01` },
  },
  {
    name: 'upper-case ids are invalid',
    carrier: { 'x-toy': `${T.toUpperCase()}-${S}-01` },
    valid: false,
  },
];
const options = { vectors, seed: 42, numRuns: 300 };

function failedRules(breaks: Breaks): RuleId[] {
  const report = checkConformance(new ToyPropagator(breaks), options);
  return [...new Set(report.results.filter((r) => !r.passed).map((r) => r.rule))];
}

test('the correct toy passes every rule', () => {
  const report = checkConformance(new ToyPropagator(), options);
  expect(report.summary).toBe('ToyPropagator: all 11 checks pass');
  expect(report.passed).toBe(true);
});

test.each<[RuleId, Breaks]>([
  ['extract-hostile-carriers', { throwsOnOddValues: true }],
  ['extract-fuzz', { keepsUpperCase: true }],
  ['malformed-keeps-valid', { ignoresTrailingGarbage: true }],
  ['fields-exact', { fieldsMissHeader: true }],
  ['inject-safe', { writesRawNote: true }],
  ['inject-invalid-span', { skipsIdCheck: true }],
  ['inject-suppressed', { ignoresSuppression: true }],
  ['round-trip', { unpaddedFlags: true }],
  ['bounded-work', { quadraticKeys: true }],
  ['vectors', { dropsSampled: true }],
])('a propagator that breaks %s fails it', (rule, breaks) => {
  expect(failedRules(breaks)).toContain(rule);
});

test('a fuzzed failure names its counterexample and how to replay it, and the replay fails again', () => {
  const broken = new ToyPropagator({ unpaddedFlags: true });
  const [result] = checkConformance(broken, { seed: 42, only: ['round-trip'] }).results;
  expect(result.passed).toBe(false);
  expect(result.problems[0]).toMatch(/^counterexample \{"traceId":"[0-9a-f]{32}"/);
  expect(result.problems[1]).toBe(
    `replay: checkConformance(propagator, { only: ['round-trip'], seed: 42, path: '${result.path}' })`,
  );
  const replay = checkConformance(broken, { only: ['round-trip'], seed: 42, path: result.path });
  expect(replay.results[0].problems[0]).toBe(result.problems[0]);
});

test('the summary quotes the requirement of each failed rule', () => {
  const report = checkConformance(new ToyPropagator({ ignoresSuppression: true }), {
    ...options,
    only: ['inject-suppressed'],
  });
  expect(report.summary).toContain(
    'ToyPropagator breaks "inject-suppressed": inject honours suppressTracing',
  );
  expect(report.summary).toContain(
    "requirement: Honour `suppressTracing` (`Symbol.for('OpenTelemetry SDK Context Key SUPPRESS_TRACING')`)",
  );
  expect(report.summary).toContain('- a sampled span, tracing suppressed: wrote {"x-toy":');
});

describe('bad options fail at once, saying what to change', () => {
  test.each<[string, unknown, object, RegExp]>([
    ['not a propagator', {}, {}, /pass a TextMapPropagator/],
    [
      'an unknown rule',
      new ToyPropagator(),
      { only: ['round-trips'] },
      /unknown rule "round-trips".*the rules are extract-hostile-carriers/,
    ],
    [
      'a path without its seed',
      new ToyPropagator(),
      { path: '0:1' },
      /a replay path needs its seed/,
    ],
  ])('%s', (_name, p, opts, message) => {
    expect(() => checkConformance(p as ToyPropagator, opts)).toThrow(message);
  });
});
