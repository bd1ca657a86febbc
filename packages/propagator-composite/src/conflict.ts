/**
 * Conflicts: two members extracted different trace ids from one carrier.
 *
 * That is the "trace breaks at the boundary" bug of mixed fleets (REQUIREMENTS §7): a proxy or an
 * old client rewrote one header family and not the other, so the service continues one trace and
 * silently drops the other. The composite still picks one (by precedence) — and now says so.
 */
import { diag } from '@opentelemetry/api';
import type { Precedence } from './config';

/** One member's extraction: which member (its description) found which ids. */
export interface Extraction {
  propagator: string;
  traceId: string;
  spanId: string;
}

export interface ConflictInfo {
  /** Every member that extracted a valid span context, in member order. */
  extractions: Extraction[];
  /** The extraction whose span context the returned context holds. */
  chosen: Extraction;
  precedence: Precedence;
}

/** Calls the user's hook (never letting it throw into the request) and rate-limits diag.warn. */
export class ConflictReporter {
  private lastWarnAt = -Infinity;
  private unreported = 0;
  private hookFailureReported = false;

  constructor(
    private readonly intervalMs: number,
    private readonly onConflict: ((info: ConflictInfo) => void) | undefined,
  ) {}

  report(info: ConflictInfo): void {
    if (this.onConflict !== undefined) {
      try {
        this.onConflict(info);
      } catch (err) {
        if (!this.hookFailureReported) {
          this.hookFailureReported = true;
          diag.warn(
            `CompositePropagator: the onConflict hook threw (${errorMessage(err)}); ` +
              `the request continues. Further errors from the hook are not reported.`,
          );
        }
      }
    }
    this.warn(info);
  }

  /**
   * At most one warning per `intervalMs` per composite: a fleet where every request conflicts
   * produces one line a minute (by default), not one per request. The count of conflicts not
   * logged since the previous warning rides along in the next one.
   */
  private warn(info: ConflictInfo): void {
    const now = Date.now();
    if (now - this.lastWarnAt < this.intervalMs) {
      this.unreported++;
      return;
    }
    const skipped = this.unreported;
    this.lastWarnAt = now;
    this.unreported = 0;
    const found = info.extractions.map((e) => `${e.propagator} trace ${e.traceId}`).join(', ');
    diag.warn(
      `CompositePropagator: members extracted different traces from one carrier (${found}); ` +
        `continuing ${info.chosen.traceId} from ${info.chosen.propagator} (precedence '${info.precedence}').` +
        (skipped > 0
          ? ` ${skipped} more conflict(s) since the previous warning were not logged.`
          : ''),
    );
  }
}

export function errorMessage(err: unknown): string {
  try {
    if (err instanceof Error) return err.message;
    return String(err);
  } catch {
    return 'unprintable error';
  }
}
