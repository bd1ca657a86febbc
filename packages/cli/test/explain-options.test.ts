/**
 * `baton explain` with the options a service runs with (issue 15: "takes OTEL_PROPAGATORS from the
 * environment or from --propagators, plus the options a service would use"): --precedence, the
 * preload's config module (--config / BATON_PROPAGATORS_CONFIG), --require for custom names, and
 * --diagnostics. Real child processes.
 */
import { join } from 'node:path';
import type { ExplainReport } from '../src/explain';
import { baton, batonJson, build, fixtures } from './run';

beforeAll(build, 180_000);

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const OTHER = '463ac35c9f6413ad48485a3953bb6124';
const S = '00f067aa0ba902b7';
const TP = `traceparent: 00-${T}-${S}-01`;
const B3 = [`x-b3-traceid: ${OTHER}`, `x-b3-spanid: ${S}`];
const service = join(fixtures, 'service');
const CONFIG = join(service, 'baton.config.cjs');

describe('--config FILE / BATON_PROPAGATORS_CONFIG: the preload config module', () => {
  test('its composite.precedence applies; its hooks are named, not called', () => {
    const args = ['explain', '--propagators', 'tracecontext,b3multi', TP, ...B3];
    const plain = batonJson<ExplainReport>(args).json;
    expect(plain.chain.precedence).toBe('last');
    expect(plain.request!.continues!.traceId).toBe(OTHER);
    const { json } = batonJson<ExplainReport>([...args, '--config', CONFIG]);
    expect(json.chain.precedence).toBe('first');
    expect(json.chain.config).toEqual({
      file: CONFIG,
      source: '--config',
      precedence: 'first',
      hooks: ['composite.onConflict', 'diagnostics.onReport'],
    });
    expect(json.request!.continues!.traceId).toBe(T);
    // From the environment, as the preload reads it.
    const fromEnv = batonJson<ExplainReport>(args, { env: { BATON_PROPAGATORS_CONFIG: CONFIG } });
    expect(fromEnv.json.chain.config?.source).toBe('BATON_PROPAGATORS_CONFIG');
    expect(fromEnv.json.request!.continues!.traceId).toBe(T);
  });

  test('--precedence wins over the module', () => {
    const { json } = batonJson<ExplainReport>([
      'explain',
      '--propagators',
      'tracecontext,b3multi',
      '--config',
      CONFIG,
      '--precedence',
      'last',
    ]);
    expect(json.chain.precedence).toBe('last');
  });

  test("a module the preload would ignore: the preload's warning, exit 1", () => {
    const { status, json } = batonJson<ExplainReport>([
      'explain',
      '--config',
      join(service, 'bad.config.cjs'),
    ]);
    expect(status).toBe(1);
    expect(json.chain.warnings).toEqual([
      expect.stringContaining(
        'exports "precedence", which the preload does not use; it was ignored.',
      ),
    ]);
    const missing = baton(['explain'], { env: { BATON_PROPAGATORS_CONFIG: '/nonexistent.cjs' } });
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain(
      'BATON_PROPAGATORS_CONFIG="/nonexistent.cjs" could not be loaded',
    );
  });
});

describe("--require MODULE: custom propagators registered by the service's setup code", () => {
  test('the custom name resolves, reads and writes its header', () => {
    const args = ['explain', '--propagators', 'tracecontext,tenant-id'];
    const without = baton(args);
    expect(without.status).toBe(1);
    expect(without.stdout).toContain('unknown propagator "tenant-id"');
    const { status, json } = batonJson<ExplainReport>([
      ...args,
      '--require',
      join(service, 'propagators.cjs'),
    ]);
    expect(status).toBe(0);
    expect(json.chain.required).toEqual([join(service, 'propagators.cjs')]);
    expect(json.chain.members[1]).toMatchObject({
      name: 'tenant-id',
      description: 'Header(x-tenant-id)',
      writes: ['x-tenant-id'],
    });
  });

  test('a module that cannot be loaded is a usage error (exit 2)', () => {
    const r = baton(['explain', '--require', './no-such-module.cjs']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--require ./no-such-module.cjs: Cannot find module');
  });
});

describe('--diagnostics: what the service would log', () => {
  test("a format no member reads and a rejected header: the lines of the resolver's diagnostics", () => {
    const { status, json } = batonJson<ExplainReport>([
      'explain',
      '--propagators',
      'tracecontext,jaeger',
      '--diagnostics',
      ...B3,
      `uber-trace-id: ${T.toUpperCase()}:${S}:0:1`,
    ]);
    expect(status).toBe(1);
    expect(json.request!.diagnostics).toEqual([
      expect.stringContaining(
        'a request carried x-b3-traceid (B3 multi), which no configured propagator reads',
      ),
      expect.stringContaining(
        'Jaeger rejected uber-trace-id "' +
          `${T.toUpperCase()}:${S}:0:1` +
          "\": trace-id has uppercase 'B' at position 1 (uber-trace-id/trace-id-uppercase)",
      ),
    ]);
  });

  test('a trace that continues: nothing to log; without the flag: null', () => {
    const args = ['explain', '--propagators', 'tracecontext', TP];
    expect(batonJson<ExplainReport>([...args, '--diagnostics']).json.request!.diagnostics).toEqual(
      [],
    );
    expect(batonJson<ExplainReport>(args).json.request!.diagnostics).toBeNull();
    expect(baton([...args, '--diagnostics']).stdout).toContain(
      'the service would log:\n    (nothing)',
    );
  });
});

test('--help documents every service option', () => {
  const help = baton(['explain', '--help']).stdout;
  for (const flag of ['--precedence', '--config FILE', '--require MODULE', '--diagnostics'])
    expect(help).toContain(flag);
});
