/**
 * @baton/carriers — trace context where HTTP ends: environment variables (child processes, CLIs,
 * batch jobs), worker threads, and message queues.
 */
export { normalizeEnvName, isNormalizedEnvName } from './env/normalize';
export { envGetter, envSetter } from './env/env-carrier';
export type { EnvCarrier } from './env/env-carrier';
export { envForChild } from './env/child-env';
export type { EnvForChildOptions, Injector } from './env/child-env';
export { TRACE_VARIABLES, TRACE_VARIABLE_PREFIXES } from './env/trace-variables';
export { contextFromEnv } from './env/context-from-env';
export type { ContextFromEnvOptions, Extractor } from './env/context-from-env';
export { joinEnvironmentContext, joinAtStartup, joinSwitch, JOIN_ENV_CONTEXT } from './env/join';
export type { JoinOptions, JoinResult } from './env/join';
export { StartupContextManager } from './env/startup-context-manager';

export { workerDataWithContext, contextFromWorkerData, runWithWorkerContext } from './worker';
export type { WorkerDataWithContext, WorkerContextOptions, WorkerInjectOptions } from './worker';

export { kafkaHeadersGetter, kafkaHeadersSetter } from './message/kafka';
export type { KafkaHeaders } from './message/kafka';
export { amqpHeadersGetter, amqpHeadersSetter } from './message/amqp';
export type { AmqpHeaders } from './message/amqp';
export {
  sqsAttributesGetter,
  sqsAttributesSetter,
  packedSqsAttributesSetter,
  MAX_MESSAGE_ATTRIBUTES,
  PACKED_ATTRIBUTE,
  MAX_PACKED_LENGTH,
} from './message/sqs';
export type { MessageAttribute, MessageAttributes } from './message/sqs';
export { mapGetter, mapSetter } from './message/map';
export type { MapCarrier } from './message/map';
export { fetchHeadersGetter, fetchHeadersSetter } from './message/fetch-headers';
export type { HeadersLike } from './message/fetch-headers';
export { envelopeGetter, envelopeSetter, TRACE_CONTEXT_FIELD } from './message/envelope';
export type { Envelope } from './message/envelope';
