/**
 * `xray-lambda` in one process: where the invocation's header is read from, and when.
 *
 * I16: "`xray-lambda`: behaves as `xray` when the carrier gives a valid context. Otherwise it extracts
 * from the Lambda environment's trace header (`_X_AMZN_TRACE_ID`), read at extract time, never cached
 * at import." and "Find out how the current Node Lambda runtime exposes the per-invocation trace id
 * when one process serves concurrent invocations, prefer that when present".
 *
 * The runtime's InvokeStore is reproduced as the runtime builds it (lambda-trace-header.ts): an
 * object on `globalThis.awslambda.InvokeStore` whose getXRayTraceId() reads a real AsyncLocalStorage.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defaultTextMapGetter,
  diag,
  DiagLogLevel,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
} from '@opentelemetry/api';
import {
  AWSXRAY_TRACE_ID_ENV_VAR,
  AWSXRayLambdaPropagator,
  getXRayRootOnly,
} from '@baton/propagator-aws-xray';
import { lambdaTraceHeader, STORE_THREW } from '../src/lambda-trace-header';
import {
  CONTEXT_WITH_SPAN,
  LINEAGE,
  OTHER_SPAN,
  OTHER_TRACE,
  PARENT,
  ROOT,
  TRACE_ID,
} from './helpers';

const lambda = new AWSXRayLambdaPropagator();
const ENV_ROOT = '1-6a7b8c9d-0123456789abcdef01234567';
const ENV_TRACE = '6a7b8c9d0123456789abcdef01234567';
const ENV_PARENT = '1111222233334444';
const envHeader = (parent = ENV_PARENT) =>
  `Root=${ENV_ROOT};Parent=${parent};Sampled=1;Lineage=${LINEAGE}`;
const carrierHeader = { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1` };

const spanOf = (ctx: Context) => {
  const sc = trace.getSpanContext(ctx);
  return sc === undefined ? undefined : `${sc.traceId}/${sc.spanId}/${sc.traceFlags}`;
};

type Global = { awslambda?: { InvokeStore?: unknown } };
const savedEnv = process.env[AWSXRAY_TRACE_ID_ENV_VAR];
afterEach(() => {
  if (savedEnv === undefined) delete process.env[AWSXRAY_TRACE_ID_ENV_VAR];
  else process.env[AWSXRAY_TRACE_ID_ENV_VAR] = savedEnv;
  delete (globalThis as Global).awslambda;
});

describe('the environment variable', () => {
  test('no header in the carrier: the span context of _X_AMZN_TRACE_ID, with its Lineage', () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader();
    const out = lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter);
    expect(spanOf(out)).toBe(`${ENV_TRACE}/${ENV_PARENT}/1`);
    expect(propagation.getBaggage(out)?.getEntry('Lineage')?.value).toBe(LINEAGE);
  });

  test('a valid header in the carrier wins over the environment', () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader();
    expect(spanOf(lambda.extract(ROOT_CONTEXT, carrierHeader, defaultTextMapGetter))).toBe(
      `${TRACE_ID}/${PARENT}/1`,
    );
  });

  test('an invalid header in the carrier: the environment', () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader();
    const out = lambda.extract(
      ROOT_CONTEXT,
      { 'x-amzn-trace-id': 'Root=junk' },
      defaultTextMapGetter,
    );
    expect(spanOf(out)).toBe(`${ENV_TRACE}/${ENV_PARENT}/1`);
  });

  test('a Root-only header in the carrier: the environment gives the parent span', () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader();
    const out = lambda.extract(
      ROOT_CONTEXT,
      { 'x-amzn-trace-id': `Root=${ROOT}` },
      defaultTextMapGetter,
    );
    expect(spanOf(out)).toBe(`${ENV_TRACE}/${ENV_PARENT}/1`);
  });

  test('a valid span context already in the input (W3C ran first) is kept, not replaced by the environment', () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader();
    const out = lambda.extract(CONTEXT_WITH_SPAN, {}, defaultTextMapGetter);
    expect(out).toBe(CONTEXT_WITH_SPAN);
    expect(spanOf(out)).toBe(`${OTHER_TRACE}/${OTHER_SPAN}/1`);
  });

  test('read at every extract, never cached: the runtime sets a new value per invocation', () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader('aaaaaaaaaaaaaaaa');
    expect(spanOf(lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter))).toBe(
      `${ENV_TRACE}/aaaaaaaaaaaaaaaa/1`,
    );
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader('bbbbbbbbbbbbbbbb');
    expect(spanOf(lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter))).toBe(
      `${ENV_TRACE}/bbbbbbbbbbbbbbbb/1`,
    );
  });

  test('Lambda PassThrough (Root only in the environment): no span context, the Root is recorded', () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = `Root=${ENV_ROOT}`;
    const out = lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter);
    expect(trace.getSpanContext(out)).toBeUndefined();
    expect(getXRayRootOnly(out)?.traceId).toBe(ENV_TRACE);
  });

  test('I16 "read at extract time": an empty _X_AMZN_TRACE_ID is no header (undefined, not "")', () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = '';
    expect(lambdaTraceHeader()).toBeUndefined();
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = 'Root=x';
    expect(lambdaTraceHeader()).toBe('Root=x');
  });

  test.each(['', 'junk', 'Root=1-zz;Parent=1', undefined])(
    'invalid or absent (%p): context unchanged',
    (value) => {
      if (value === undefined) delete process.env[AWSXRAY_TRACE_ID_ENV_VAR];
      else process.env[AWSXRAY_TRACE_ID_ENV_VAR] = value;
      expect(lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
    },
  );
});

describe("the runtime's InvokeStore (Lambda Managed Instances: concurrent invocations in one process)", () => {
  /** As the runtime's multi-concurrency store: one AsyncLocalStorage, a header per invocation. */
  function installInvokeStore() {
    const als = new AsyncLocalStorage<{ header: string }>();
    (globalThis as Global).awslambda = {
      InvokeStore: { getXRayTraceId: () => als.getStore()?.header },
    };
    return <T>(header: string, fn: () => Promise<T>) => als.run({ header }, fn);
  }

  test('each concurrent invocation extracts its own header; the environment variable is not set', async () => {
    delete process.env[AWSXRAY_TRACE_ID_ENV_VAR]; // the runtime does not set it in this mode
    const invoke = installInvokeStore();
    const handler = async (waitMs: number) => {
      await sleep(waitMs); // the other invocation runs meanwhile
      return spanOf(lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter));
    };
    const [a, b] = await Promise.all([
      invoke(envHeader('aaaaaaaaaaaaaaaa'), () => handler(30)),
      invoke(envHeader('bbbbbbbbbbbbbbbb'), () => handler(5)),
    ]);
    expect(a).toBe(`${ENV_TRACE}/aaaaaaaaaaaaaaaa/1`);
    expect(b).toBe(`${ENV_TRACE}/bbbbbbbbbbbbbbbb/1`);
  });

  test('the store wins over the environment variable when it has a header', async () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader('eeeeeeeeeeeeeeee');
    const invoke = installInvokeStore();
    const inside = await invoke(envHeader('aaaaaaaaaaaaaaaa'), async () =>
      spanOf(lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter)),
    );
    expect(inside).toBe(`${ENV_TRACE}/aaaaaaaaaaaaaaaa/1`);
    // Outside an invocation the store has nothing: the variable (single-concurrency mode).
    expect(spanOf(lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter))).toBe(
      `${ENV_TRACE}/eeeeeeeeeeeeeeee/1`,
    );
  });

  // What the diag logger hears: only a store that throws is reported (lambda-trace-header.ts), so
  // a store that is merely absent or malformed must not be read in a way that throws.
  const debugMessages = (run: () => void): string[] => {
    const heard: string[] = [];
    let listening = false; // not the API's own "Registered a global for diag" lines
    const record = (message: string) => void (listening && heard.push(message));
    diag.setLogger(
      { debug: record, info: record, warn: record, error: record, verbose: record },
      { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true },
    );
    try {
      listening = true;
      run();
    } finally {
      listening = false;
      diag.disable();
    }
    return heard;
  };

  test.each([
    [
      'a getXRayTraceId that throws',
      {
        getXRayTraceId: () => {
          throw new Error('no');
        },
      },
      [STORE_THREW],
    ],
    [
      'an InvokeStore whose getXRayTraceId getter throws',
      Object.defineProperty({}, 'getXRayTraceId', {
        get() {
          throw new Error('no');
        },
      }),
      [STORE_THREW],
    ],
    ['a getXRayTraceId that returns a number', { getXRayTraceId: () => 42 }, []],
    ['a getXRayTraceId that returns an empty string', { getXRayTraceId: () => '' }, []],
    [
      'a getXRayTraceId that is not a function (an object with a call method)',
      { getXRayTraceId: { call: () => envHeader('cccccccccccccccc') } },
      [],
    ],
    ['no getXRayTraceId', {}, []],
    ['null', null, []],
    ['undefined', undefined, []],
  ])('%s: the environment variable is used', (_name, store, expected) => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader();
    (globalThis as Global).awslambda = { InvokeStore: store };
    let out: string | undefined;
    expect(
      debugMessages(() => (out = spanOf(lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter)))),
    ).toEqual(expected);
    expect(out).toBe(`${ENV_TRACE}/${ENV_PARENT}/1`);
  });

  test('no globalThis.awslambda (not in Lambda): the variable, read without a throw', () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader();
    delete (globalThis as Global).awslambda;
    let out: string | undefined;
    expect(
      debugMessages(() => (out = spanOf(lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter)))),
    ).toEqual([]);
    expect(out).toBe(`${ENV_TRACE}/${ENV_PARENT}/1`);
  });

  test('a diag logger that throws: the variable is still read (the report is guarded)', () => {
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = envHeader();
    (globalThis as Global).awslambda = {
      InvokeStore: {
        getXRayTraceId: () => {
          throw new Error('no');
        },
      },
    };
    let armed = false; // setLogger itself logs at debug level
    const boom = () => {
      if (armed) throw new Error('logger down');
    };
    diag.setLogger(
      { debug: boom, info: boom, warn: boom, error: boom, verbose: boom },
      { logLevel: DiagLogLevel.DEBUG, suppressOverrideMessage: true },
    );
    try {
      armed = true;
      expect(() => diag.debug('probe')).toThrow('logger down'); // the API does not catch
      expect(spanOf(lambda.extract(ROOT_CONTEXT, {}, defaultTextMapGetter))).toBe(
        `${ENV_TRACE}/${ENV_PARENT}/1`,
      );
    } finally {
      armed = false;
      diag.disable();
    }
  });

  test('process.env replaced by a plain object (a test double): only a string is a header', () => {
    const realEnv = process.env;
    try {
      process.env = { [AWSXRAY_TRACE_ID_ENV_VAR]: 42 } as unknown as NodeJS.ProcessEnv;
      expect(lambdaTraceHeader()).toBeUndefined();
      process.env = { [AWSXRAY_TRACE_ID_ENV_VAR]: envHeader() };
      expect(lambdaTraceHeader()).toBe(envHeader());
    } finally {
      process.env = realEnv;
    }
  });

  test('neither a store nor the variable: no context, nothing reported', () => {
    delete process.env[AWSXRAY_TRACE_ID_ENV_VAR];
    expect(debugMessages(() => expect(lambdaTraceHeader()).toBeUndefined())).toEqual([]);
    process.env[AWSXRAY_TRACE_ID_ENV_VAR] = '';
    expect(lambdaTraceHeader()).toBeUndefined();
  });
});
