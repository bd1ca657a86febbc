/**
 * @baton/internal — what every Baton propagator shares. Not a public API: its exports may change
 * in any release; depend on the propagator packages instead.
 *
 * Why `export const x = m.x` and not `export { x } from './m'`: TypeScript compiles a re-export to
 * CommonJS as a getter (`Object.defineProperty(exports, 'x', { get })`), and every call from another
 * package then goes through that getter — measurable on the per-request path. Plain data properties
 * cost nothing.
 */
import * as hex from './hex';
import * as carrier from './carrier';
import * as header from './header';
import * as suppression from './suppression';
import * as debug from './debug';
import * as percent from './percent';
import * as limits from './limits';
import * as inject from './inject';
import * as rules from './rules';
import * as baggage from './baggage';
import * as explain from './explain';
import * as shapes from './shapes';
import * as prefixed from './prefixed-baggage';
import * as spanContext from './span-context';
import * as deferredSampling from './deferred-sampling';

export const TRACE_ID_LENGTH = hex.TRACE_ID_LENGTH;
export const SPAN_ID_LENGTH = hex.SPAN_ID_LENGTH;
export const INVALID_TRACE_ID = hex.INVALID_TRACE_ID;
export const INVALID_SPAN_ID = hex.INVALID_SPAN_ID;
export const hexValue = hex.hexValue;
export const hexOr = hex.hexOr;
export const isLowerHex = hex.isLowerHex;
export const readHexId = hex.readHexId;
export const isValidTraceId = hex.isValidTraceId;
export const isValidSpanId = hex.isValidSpanId;
export const hasValidIds = hex.hasValidIds;
export const padHexId = hex.padHexId;

export const MAX_SCANNED_KEYS = carrier.MAX_SCANNED_KEYS;
export const equalsIgnoreAsciiCase = carrier.equalsIgnoreAsciiCase;
export const startsWithIgnoreAsciiCase = carrier.startsWithIgnoreAsciiCase;
export const safeGet = carrier.safeGet;
export const safeKeys = carrier.safeKeys;
export const getHeader = carrier.getHeader;
export const headerAfterMiss = carrier.headerAfterMiss;
export const mayHoldOtherCase = carrier.mayHoldOtherCase;
export const beginWalkedCarrier = carrier.beginWalkedCarrier;
export const endWalkedCarrier = carrier.endWalkedCarrier;
export const plainCarrierKeys = carrier.plainCarrierKeys;
export const plainCarrierLacks = carrier.plainCarrierLacks;
export const plainCarrierScan = carrier.plainCarrierScan;
export const SCAN_MAYBE = carrier.SCAN_MAYBE;
export const SCAN_LACKS = carrier.SCAN_LACKS;
export const SCAN_NONE_IN_CAP = carrier.SCAN_NONE_IN_CAP;
export const headerNames = carrier.headerNames;
export type HeaderNames = carrier.HeaderNames;
export const isPlainCarrier = carrier.isPlainCarrier;
export const plainValueIgnoreCase = carrier.plainValueIgnoreCase;
export const ownValue = carrier.ownValue;
export const firstValue = carrier.firstValue;
export const joinedValue = carrier.joinedValue;
export const readHeader = carrier.readHeader;

export const isTchar = header.isTchar;
export const isToken = header.isToken;
export const isSafeHeaderValue = header.isSafeHeaderValue;

export const SUPPRESS_TRACING_KEY = suppression.SUPPRESS_TRACING_KEY;
export const isTracingSuppressed = suppression.isTracingSuppressed;

export const DEBUG_TRACE_KEY = debug.DEBUG_TRACE_KEY;
export const setDebugTrace = debug.setDebugTrace;
export const isDebugTrace = debug.isDebugTrace;

export const percentDecode = percent.percentDecode;
export const percentEncode = percent.percentEncode;

export const BAGGAGE_MAX_MEMBERS = limits.BAGGAGE_MAX_MEMBERS;
export const BAGGAGE_MAX_BYTES = limits.BAGGAGE_MAX_BYTES;

export const safeSet = inject.safeSet;

export const KEEPS_BATON_RULES: typeof rules.KEEPS_BATON_RULES = rules.KEEPS_BATON_RULES;
export const keepsBatonRules = rules.keepsBatonRules;

export const MapBaggage = baggage.MapBaggage;
export type MapBaggage = baggage.MapBaggage;
export const mergeBaggage = baggage.mergeBaggage;
export const caselessEntry = baggage.caselessEntry;
export const isCaseless = baggage.isCaseless;
export const baggageEntryList = baggage.baggageEntryList;
export const readsApiBaggageDirectly = baggage.readsApiBaggageDirectly;
export const EXTRACT_EQUIVALENCE: typeof rules.EXTRACT_EQUIVALENCE = rules.EXTRACT_EQUIVALENCE;
export const extractEquivalence = rules.extractEquivalence;
export const HEADERS_READ: typeof rules.HEADERS_READ = rules.HEADERS_READ;
export const headersRead = rules.headersRead;
export const INJECT_SPAN_CONTEXT: typeof rules.INJECT_SPAN_CONTEXT = rules.INJECT_SPAN_CONTEXT;
export const injectsSpanContext = rules.injectsSpanContext;
export type SpanContextInject = rules.SpanContextInject;
export type HeadersRead = rules.HeadersRead;
export const EXPLAIN_REJECTION: typeof rules.EXPLAIN_REJECTION = rules.EXPLAIN_REJECTION;
export type RejectionReason = rules.RejectionReason;

export type Rejection = explain.Rejection;
export type Explanation<F> = explain.Explanation<F>;
export const accepted = explain.accepted;
export const rejected = explain.rejected;
export const explainText = explain.explainText;
export const describeCharAt = explain.describeCharAt;
export const firstNonLowerHex = explain.firstNonLowerHex;
export const allZero = explain.allZero;
export const isUpperHex = explain.isUpperHex;
export const rejectionReason = explain.rejectionReason;
export const anchorShape = shapes.anchorShape;
export const BaggageCollector = prefixed.BaggageCollector;
export type BaggageCollector = prefixed.BaggageCollector;
export const BaggageHeaderNames = prefixed.BaggageHeaderNames;
export type BaggageHeaderNames = prefixed.BaggageHeaderNames;
export type BaggageValueDecoder = prefixed.BaggageValueDecoder;
export type BaggageValueEncoder = prefixed.BaggageValueEncoder;
export const hasPrefixIgnoreCase = prefixed.hasPrefixIgnoreCase;
export const baggageKeyFromHeader = prefixed.baggageKeyFromHeader;
export const injectPrefixedBaggage = prefixed.injectPrefixedBaggage;

export const remoteSpanContext = spanContext.remoteSpanContext;

export const SamplingDecision = deferredSampling.SamplingDecision;
export type SamplingDecisionValue = deferredSampling.SamplingDecisionValue;
export type SamplingResultLike = deferredSampling.SamplingResultLike;
export type SamplerLike = deferredSampling.SamplerLike;
export type RecordedSampling = deferredSampling.RecordedSampling;
export const DeferredDecisionSampler = deferredSampling.DeferredDecisionSampler;
export type DeferredDecisionSampler = deferredSampling.DeferredDecisionSampler;
