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

/**
 * A promise an `onConflict` hook may make, as a function-valued property under this key: called
 * just before the hook would be, it returns true when the hook would do nothing with this conflict
 * (and counts it, if the hook counts what it suppresses). `@baton/propagator-env`'s stderr printer
 * makes it: with no user hook and its line rate-limited, it has nothing to do. Registered with
 * `Symbol.for` so the two packages share it without a runtime import.
 */
export const HOOK_IDLE = Symbol.for('@baton/propagator-composite onConflict idle');

/** What needs the ConflictInfo of this conflict (ConflictReporter.needs): a bitmask. */
export const NEEDS_HOOK = 1;
export const NEEDS_WARNING = 2;

/** Calls the user's hook (never letting it throw into the request) and rate-limits diag.warn. */
export class ConflictReporter {
  private lastWarnAt = -Infinity;
  private unreported = 0;
  /** Conflicts not logged before the warning needs() just scheduled. */
  private skipped = 0;
  private hookFailureReported = false;
  private readonly hookIdle: (() => unknown) | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly onConflict: ((info: ConflictInfo) => void) | undefined,
  ) {
    let idle: unknown;
    try {
      idle =
        onConflict === undefined
          ? undefined
          : (onConflict as unknown as Record<symbol, unknown>)[HOOK_IDLE];
    } catch {
      idle = undefined;
    }
    this.hookIdle = typeof idle === 'function' ? (idle as () => unknown) : undefined;
  }

  /**
   * Who needs this conflict's ConflictInfo, asked before it is built: NEEDS_HOOK, NEEDS_WARNING,
   * both, or 0. On a fleet where every request conflicts, most calls answer 0 — the warning is
   * rate-limited and the hook (if any) declared itself idle — and the composite then builds no
   * info at all (an array and an object per member that extracted). Counts a suppressed warning.
   */
  needs(): number {
    let needs = 0;
    if (this.onConflict !== undefined && !this.isHookIdle()) needs = NEEDS_HOOK;
    const now = Date.now();
    if (now - this.lastWarnAt < this.intervalMs) {
      this.unreported++;
      return needs;
    }
    this.skipped = this.unreported;
    this.lastWarnAt = now;
    this.unreported = 0;
    return needs | NEEDS_WARNING;
  }

  private isHookIdle(): boolean {
    if (this.hookIdle === undefined) return false;
    try {
      return this.hookIdle() === true;
    } catch {
      return false; // a broken promise: call the hook as usual
    }
  }

  /** Delivers `info` to what needs() answered. */
  report(info: ConflictInfo, needs: number): void {
    if ((needs & NEEDS_HOOK) !== 0) {
      try {
        this.onConflict!(info);
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
    if ((needs & NEEDS_WARNING) !== 0) this.warn(info);
  }

  /**
   * At most one warning per `intervalMs` per composite (needs() decides): a fleet where every
   * request conflicts produces one line a minute (by default), not one per request. The count of
   * conflicts not logged since the previous warning rides along in the next one.
   */
  private warn(info: ConflictInfo): void {
    const skipped = this.skipped;
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
