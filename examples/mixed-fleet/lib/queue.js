'use strict';
/**
 * The demo's order queue. With BATON_AMQP_URL set (and amqplib installed) it is a RabbitMQ queue:
 * the context travels in the AMQP message headers (amqpHeadersSetter / amqpHeadersGetter). Without a
 * broker it is an in-process queue, and says so: the message is still serialized to JSON, with the
 * context in its `trace_context` envelope (envelopeSetter / envelopeGetter).
 */
const { propagation, ROOT_CONTEXT } = require('@opentelemetry/api');
const {
  amqpHeadersGetter,
  amqpHeadersSetter,
  envelopeGetter,
  envelopeSetter,
} = require('@baton/carriers');

async function openRabbitQueue(url) {
  const amqp = require('amqplib');
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  return {
    description: `RabbitMQ on ${url.replace(/\/\/[^@]*@/, '//')}`,
    publish(ctx, body) {
      const headers = {};
      propagation.inject(ctx, headers, amqpHeadersSetter);
      channel.sendToQueue(queue, Buffer.from(JSON.stringify(body)), { headers });
    },
    consume(handler) {
      channel.consume(queue, (msg) => {
        const ctx = propagation.extract(ROOT_CONTEXT, msg.properties.headers, amqpHeadersGetter);
        Promise.resolve(handler(ctx, JSON.parse(msg.content.toString()))).finally(() =>
          channel.ack(msg),
        );
      });
    },
  };
}

function openInProcessQueue(reason) {
  let handler = () => undefined;
  return {
    description: `in-process (${reason})`,
    publish(ctx, body) {
      const envelope = { ...body };
      propagation.inject(ctx, envelope, envelopeSetter);
      const wire = JSON.stringify(envelope); // what a broker would carry
      setImmediate(() => {
        const received = JSON.parse(wire);
        handler(propagation.extract(ROOT_CONTEXT, received, envelopeGetter), received);
      });
    },
    consume(h) {
      handler = h;
    },
  };
}

async function openQueue() {
  const url = process.env.BATON_AMQP_URL;
  if (!url) return openInProcessQueue('no broker: set BATON_AMQP_URL=amqp://… to use RabbitMQ');
  try {
    require.resolve('amqplib');
  } catch {
    return openInProcessQueue(`BATON_AMQP_URL is set but amqplib is not installed`);
  }
  try {
    return await openRabbitQueue(url);
  } catch (err) {
    return openInProcessQueue(`RabbitMQ at BATON_AMQP_URL unreachable: ${err.message}`);
  }
}

module.exports = { openQueue };
