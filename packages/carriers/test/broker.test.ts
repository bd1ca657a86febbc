/**
 * A real broker end to end: a producer and a consumer in separate processes, each with the preload,
 * the real NodeSDK and @opentelemetry/instrumentation-amqplib, exchange a message through RabbitMQ on
 * 127.0.0.1. Issue 17: "The consumer's span is a child of the producer's, baggage arrives, and a mixed
 * chain (producer tracecontext,b3multi, consumer b3multi) still joins."
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildPackages, cleanEnv, fixtures, repo } from './helpers';
import { describeWithBroker, startBroker, type Broker } from './broker';

interface Span {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
}
const PRODUCER = 3;
const CONSUMER = 4;

/** Starts a fixture; resolves each JSON line it prints, in order. */
function start(file: string, env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['--require', '@baton/propagator-env/register', join(fixtures, file)],
    { cwd: repo, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    next: async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error(`${file} exited without output`);
      return JSON.parse(value);
    },
  };
}

describeWithBroker('RabbitMQ end to end (amqplib + instrumentation-amqplib)', () => {
  let broker: Broker;
  beforeAll(() => {
    buildPackages();
    broker = startBroker();
  }, 240_000);
  afterAll(() => broker?.stop(), 60_000);

  async function exchange(producerPropagators: string, consumerPropagators: string) {
    const queue = `baton-e2e-${process.pid}-${Date.now()}`;
    const base = { ...cleanEnv(), AMQP_URL: broker.url, AMQP_QUEUE: queue };
    const consumer = start('amqp-consumer.cjs', { ...base, OTEL_PROPAGATORS: consumerPropagators });
    expect(await consumer.next()).toEqual({ ready: true });
    const producer = start('amqp-producer.cjs', { ...base, OTEL_PROPAGATORS: producerPropagators });
    const produced: { spans: Span[] } = await producer.next();
    const consumed = await consumer.next();
    const checkout = produced.spans.find((s) => s.name === 'checkout') as Span;
    const publish = produced.spans.find((s) => s.kind === PRODUCER) as Span;
    const consumerSpan = (consumed.spans as Span[]).find((s) => s.kind === CONSUMER) as Span;
    return { checkout, publish, consumerSpan, consumed };
  }

  test('tracecontext,baggage on both sides: the consumer span is a child of the publish span; baggage arrives', async () => {
    const { checkout, publish, consumerSpan, consumed } = await exchange(
      'tracecontext,baggage',
      'tracecontext,baggage',
    );
    expect(publish).toMatchObject({ traceId: checkout.traceId, parentSpanId: checkout.spanId });
    expect(consumerSpan).toMatchObject({ traceId: checkout.traceId, parentSpanId: publish.spanId });
    expect(consumed.active).toEqual({ traceId: checkout.traceId, spanId: consumerSpan.spanId });
    expect(consumed.baggage).toEqual({ 'user.tier': 'gold' });
    expect(consumed.manual).toEqual({ traceId: checkout.traceId, spanId: publish.spanId });
    expect(consumed.body).toEqual({ order: 42 });
  }, 120_000);

  test('a mixed chain: producer tracecontext,b3multi, consumer b3multi — still one trace', async () => {
    const { checkout, publish, consumerSpan, consumed } = await exchange(
      'tracecontext,b3multi',
      'b3multi',
    );
    expect(consumerSpan).toMatchObject({ traceId: checkout.traceId, parentSpanId: publish.spanId });
    expect(consumed.manual).toEqual({ traceId: checkout.traceId, spanId: publish.spanId });
  }, 120_000);
});
