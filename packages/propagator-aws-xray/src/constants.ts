/**
 * Names and wire constants of the AWS X-Ray tracing header (AWS X-Ray Developer Guide, "Tracing
 * header"; REQUIREMENTS §12):
 *
 *   X-Amzn-Trace-Id: Root=1-{8 hex epoch}-{24 hex};Parent={16 hex};Sampled={0|1|?}
 */

/** The header, lowercase (how Node hands it over, and what fields() returns). */
export const AWSXRAY_TRACE_ID_HEADER = 'x-amzn-trace-id';

/** Where the Lambda runtime puts the invocation's tracing header (single-concurrency mode). */
export const AWSXRAY_TRACE_ID_ENV_VAR = '_X_AMZN_TRACE_ID';

/** Field keys, matched exactly (case included): `ParentX=` is an unknown key, not `Parent`. */
export const ROOT_KEY = 'Root';
export const PARENT_KEY = 'Parent';
export const SAMPLED_KEY = 'Sampled';
export const LINEAGE_KEY = 'Lineage';

/** The only X-Ray trace id version: `Root=1-…`. */
export const TRACE_ID_VERSION = '1';

/**
 * The baggage key Lineage travels under, as the OpenTelemetry Java propagator carries it: Baton
 * services in between keep it, and it is written back into the header on inject.
 */
export const LINEAGE_BAGGAGE_KEY = 'Lineage';

/**
 * Longest header value read. The fields Baton reads take at most 40 (Root) + 24 (Parent) + 10
 * (Sampled) + 27 (Lineage) chars; a load balancer adds `Self=` (41); the X-Ray SDK keeps at most
 * 256 bytes of other fields. 512 holds all of that; longer values are rejected before any work.
 */
export const MAX_TRACE_HEADER_LENGTH = 512;

/** Most `;`-separated fields read (empty ones included): a cap on the field loop, before parsing. */
export const MAX_FIELDS = 32;
