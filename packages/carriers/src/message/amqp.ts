/**
 * AMQP 0-9-1 message headers as amqplib has them: `msg.properties.headers` on receive, the
 * `headers` publish option on send. Values are strings, Buffers, numbers, booleans (field tables).
 *
 *   const headers = {};
 *   propagation.inject(context.active(), headers, amqpHeadersSetter);
 *   channel.sendToQueue(queue, body, { headers });
 *   channel.consume(queue, (msg) =>
 *     propagation.extract(ROOT_CONTEXT, msg.properties.headers, amqpHeadersGetter));
 */
import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { headerText } from './values';
import { lookupIgnoringCase, recordKeys, setOnRecord } from './record';

export type AmqpHeaders = Record<string, unknown>;

export const amqpHeadersGetter: TextMapGetter<AmqpHeaders | undefined> = {
  get: (carrier, key) => headerText(lookupIgnoringCase(carrier, key)),
  keys: (carrier) => recordKeys(carrier),
};

export const amqpHeadersSetter: TextMapSetter<AmqpHeaders> = {
  set: (carrier, key, value) => setOnRecord(carrier, key, value),
};
