/**
 * The tracing header of the Lambda invocation being served, read when extract runs (never cached:
 * a Lambda process serves one invocation after another, each with its own header).
 *
 * Where the Node.js Lambda runtime puts it (aws-lambda-nodejs-runtime-interface-client):
 *
 * - It runs every invocation inside the `@aws/lambda-invoke-store` InvokeStore, reachable as
 *   `globalThis.awslambda.InvokeStore`, whose `getXRayTraceId()` returns that invocation's header.
 *   With Lambda Managed Instances (`AWS_LAMBDA_MAX_CONCURRENCY` set) one process serves concurrent
 *   invocations; the store is then an AsyncLocalStorage, so each invocation sees its own header —
 *   and the runtime does not set `_X_AMZN_TRACE_ID` at all (a process-wide variable cannot hold
 *   several invocations' headers).
 * - In the usual one-at-a-time mode the runtime also sets `_X_AMZN_TRACE_ID` per invocation. There
 *   the store holds the header only until the handler first awaits, so the variable is the fallback.
 *
 * So: the store's header when it has one, else `_X_AMZN_TRACE_ID`. No dependency on the store's
 * package: it is looked up on `globalThis`, where the runtime puts it, and anything unexpected there
 * counts as absent.
 */
import { diag } from '@opentelemetry/api';
import { AWSXRAY_TRACE_ID_ENV_VAR } from './constants';

interface InvokeStoreLike {
  getXRayTraceId?: unknown;
}

export function lambdaTraceHeader(): string | undefined {
  try {
    const store = (globalThis as { awslambda?: { InvokeStore?: InvokeStoreLike | null } }).awslambda
      ?.InvokeStore;
    const read = store?.getXRayTraceId;
    if (typeof read === 'function') {
      const fromStore: unknown = read.call(store);
      if (typeof fromStore === 'string' && fromStore !== '') return fromStore;
    }
  } catch {
    // A store that throws is no store: fall back to the environment, and say so (at debug level:
    // it is the runtime's fault, and it would repeat for every invocation).
    reportStoreThrew();
  }
  // An empty variable counts as none. Only a string is a header: Node's process.env holds nothing
  // else, but a test may replace process.env with a plain object.
  const fromEnv: unknown = process.env[AWSXRAY_TRACE_ID_ENV_VAR];
  return typeof fromEnv === 'string' ? fromEnv || undefined : undefined;
}

/** diag.debug(STORE_THREW); a logger that throws must not cost the fallback (diag does not catch). */
function reportStoreThrew(): void {
  try {
    diag.debug(STORE_THREW);
  } catch {
    // The logger's failure is not the request's.
  }
}

/** The diag message when the runtime's store throws (exported for the tests). */
export const STORE_THREW =
  'xray-lambda: globalThis.awslambda.InvokeStore.getXRayTraceId() threw; reading _X_AMZN_TRACE_ID instead';
