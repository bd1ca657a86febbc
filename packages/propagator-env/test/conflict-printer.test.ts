/**
 * Issue 14: conflicts reach stderr in the preload setup (the printer), and leaving diagnostics on
 * costs at most +5%. The printer tells the composite when it would do nothing (no user hook, its
 * line rate-limited), so the composite builds no ConflictInfo for that conflict — and the lines it
 * prints, with their "N more" counts, are exactly those of a printer called for every conflict.
 */
import {
  ROOT_CONTEXT,
  defaultTextMapGetter,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { trace } from '@opentelemetry/api';
import { CompositePropagator, type ConflictInfo } from '@baton/propagator-composite';
import { conflictPrinter } from '../src/diagnostics/conflicts';
import type { Sink } from '../src/diagnostics/report';

const T1 = '0af7651916cd43dd8448eb211c80319c';
const T2 = '463ac35c9f6413ad48485a3953bb6124';
const S = 'b7ad6b7169203331';

/** A member that always extracts one fixed span context. */
function fixed(name: string, traceId: string): TextMapPropagator {
  return new (class implements TextMapPropagator {
    extract(ctx: Context): Context {
      return trace.setSpanContext(ctx, { traceId, spanId: S, traceFlags: 1, isRemote: true });
    }
    inject(): void {}
    fields(): string[] {
      return [];
    }
    toString(): string {
      return name;
    }
  })();
}

afterEach(() => jest.useRealTimers());

test.each<[string, ((info: ConflictInfo) => void) | undefined]>([
  ['no user hook (the printer declares itself idle while rate-limited)', undefined],
  ['a user hook (called for every conflict)', jest.fn()],
])('one line per interval, counting the conflicts not printed: %s', (_name, userHook) => {
  jest.useFakeTimers({ now: 1_000_000 });
  const log = jest.fn();
  const sink = { log } as unknown as Sink;
  const composite = new CompositePropagator({
    propagators: [fixed('a', T1), fixed('b', T2)],
    onConflict: conflictPrinter(userHook, sink, 60_000),
    conflictWarningIntervalMs: 60_000,
  });
  for (let i = 0; i < 1000; i++) composite.extract(ROOT_CONTEXT, {}, defaultTextMapGetter);
  expect(log).toHaveBeenCalledTimes(1);
  expect(log.mock.calls[0][0]).toContain(`a trace ${T1}, b trace ${T2}`);
  jest.setSystemTime(1_000_000 + 60_000);
  composite.extract(ROOT_CONTEXT, {}, defaultTextMapGetter);
  expect(log).toHaveBeenCalledTimes(2);
  expect(log.mock.calls[1][0]).toContain('(999 more since the last report)');
  if (userHook !== undefined) expect(userHook).toHaveBeenCalledTimes(1001);
});

test('a user hook that throws: said once (the composite would tell diag only), and the conflict line is still printed', () => {
  const log = jest.fn();
  const sink = { log } as unknown as Sink;
  const hook = jest.fn(() => {
    throw new Error('counter not initialised');
  });
  const composite = new CompositePropagator({
    propagators: [fixed('a', T1), fixed('b', T2)],
    onConflict: conflictPrinter(hook, sink, 0),
    conflictWarningIntervalMs: 60_000,
  });
  composite.extract(ROOT_CONTEXT, {}, defaultTextMapGetter);
  composite.extract(ROOT_CONTEXT, {}, defaultTextMapGetter);
  expect(hook).toHaveBeenCalledTimes(2);
  const lines = log.mock.calls.map((c) => String(c[0]));
  // Fails on the printer that let the throw through: no line at all reached the sink.
  expect(
    lines.filter((l) => l.includes('the onConflict hook threw (counter not initialised)')),
  ).toHaveLength(1);
  expect(lines.filter((l) => l.includes(`a trace ${T1}, b trace ${T2}`))).toHaveLength(2);
});
