/**
 * kafkajs message headers: `{ [name]: Buffer | string | (Buffer | string)[] | undefined }`.
 *
 *   producer.send({ topic, messages: [{ value, headers }] }) after
 *     propagation.inject(context.active(), headers, kafkaHeadersSetter)
 *   eachMessage: ({ message }) =>
 *     propagation.extract(ROOT_CONTEXT, message.headers, kafkaHeadersGetter)
 *
 * Received values are Buffers; a repeated header is an array. Names in any case.
 */
import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { headerText } from './values';
import { lookupIgnoringCase, recordKeys, setOnRecord } from './record';

export type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export const kafkaHeadersGetter: TextMapGetter<KafkaHeaders> = {
  get: (carrier, key) => headerText(lookupIgnoringCase(carrier, key)),
  keys: (carrier) => recordKeys(carrier),
};

/** Writes a string value (kafkajs sends strings as UTF-8 bytes). */
export const kafkaHeadersSetter: TextMapSetter<KafkaHeaders> = {
  set: (carrier, key, value) => setOnRecord(carrier, key, value),
};
