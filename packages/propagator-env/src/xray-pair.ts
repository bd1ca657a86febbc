/**
 * Issue 16: "Listing both `xray` and `xray-lambda` in `OTEL_PROPAGATORS` warns and keeps
 * `xray-lambda`." The two read and write the same `X-Amzn-Trace-Id` header, and `xray-lambda` is
 * `xray` plus the Lambda invocation's own header: with both, every request parses the header twice
 * and every outgoing call writes it twice, for nothing. A configuration mistake, so it is said.
 */
const XRAY = 'xray';
const XRAY_LAMBDA = 'xray-lambda';

/** `names` without `xray` when `xray-lambda` is there too (warned once); else `names` itself. */
export function keepXRayLambda(
  names: readonly string[],
  warn: (message: string) => void,
  source: string,
): readonly string[] {
  if (!names.includes(XRAY) || !names.includes(XRAY_LAMBDA)) return names;
  warn(
    `${source} lists both "${XRAY}" and "${XRAY_LAMBDA}", which read and write the same ` +
      `X-Amzn-Trace-Id header ("${XRAY_LAMBDA}" also reads the Lambda invocation's header): ` +
      `keeping "${XRAY_LAMBDA}" only. Remove "${XRAY}" from the list.`,
  );
  return names.filter((name) => name !== XRAY);
}
