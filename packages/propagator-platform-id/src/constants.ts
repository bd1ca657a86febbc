/**
 * Constants shared by the propagator and its explain API, in a module of their own so that neither
 * imports the other (the propagator's EXPLAIN_REJECTION method calls explain: no import cycle).
 */

/**
 * The header name. Without an `x-` prefix: RFC 6648 deprecates it, and the name matches the
 * propagator's registry name (`OTEL_PROPAGATORS=platform-id`).
 */
export const PLATFORM_ID_HEADER = 'platform-id';

/**
 * Raw values longer than this are ignored before any work. It is Node's default limit for all
 * request headers together (16 KB), so no value an HTTP server accepts is cut off; it bounds the
 * work for carriers that have no such limit (Kafka, AMQP, plain objects).
 */
export const RAW_VALUE_CAP = 16 * 1024;
