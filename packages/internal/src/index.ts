/**
 * @baton/internal — what every Baton propagator shares. Not a public API: its exports may change
 * in any release; depend on the propagator packages instead.
 */
export {
  TRACE_ID_LENGTH,
  SPAN_ID_LENGTH,
  INVALID_TRACE_ID,
  INVALID_SPAN_ID,
  hexValue,
  isLowerHex,
  readHexId,
  isValidTraceId,
  isValidSpanId,
  padHexId,
} from './hex';
export {
  MAX_SCANNED_KEYS,
  equalsIgnoreAsciiCase,
  safeKeys,
  getHeader,
  firstValue,
  joinedValue,
  readHeader,
} from './carrier';
export { isTchar, isToken, isSafeHeaderValue } from './header';
export { SUPPRESS_TRACING_KEY, isTracingSuppressed } from './suppression';
export { DEBUG_TRACE_KEY, setDebugTrace, isDebugTrace } from './debug';
export { percentDecode, percentEncode } from './percent';
export { BAGGAGE_MAX_MEMBERS, BAGGAGE_MAX_BYTES } from './limits';
export { safeSet } from './inject';
export { KEEPS_BATON_RULES, keepsBatonRules } from './rules';
