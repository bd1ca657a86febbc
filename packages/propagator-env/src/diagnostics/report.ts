/**
 * Reports of a broken trace, and where they go: the user's `onReport` hook, and `diag.warn` when a
 * logger is installed, else one line on stderr (silenced by `OTEL_LOG_LEVEL=none` or `error`).
 *
 * Rate-limited per kind (one slot per header and kind): the first occurrence is reported at once,
 * then at most one report per interval, carrying how many were not reported in between — a fleet
 * where every request is misrouted produces one line a minute, not one per request. A suppressed
 * occurrence costs a clock read and a counter increment: nothing is allocated for it.
 */
import { diag } from '@opentelemetry/api';
import { diagLoggerInstalled, printLine } from '../notice';
import { preloadVerbosity } from '../log-level';
import type { RejectionReason } from './rejection';

export interface DiagnosticReport {
  /** `unread-format`: a format no configured propagator reads; `rejected-header`: one was read and rejected. */
  readonly kind: 'unread-format' | 'rejected-header';
  /** The header, lowercase: `x-b3-traceid`. */
  readonly header: string;
  /** The format's name: `B3 multi`. */
  readonly format: string;
  /** The `OTEL_PROPAGATORS` name that reads it: `b3multi`. */
  readonly name: string;
  /** What is configured: the names and the description, `tracecontext,baggage → Composite[…]`. */
  readonly configured: string;
  /** rejected-header: the member that rejected it, why, and the value (at most 64 characters). */
  readonly rejectedBy?: string;
  readonly reason?: RejectionReason;
  readonly value?: string;
  /** Occurrences of this kind not reported since the previous report. */
  readonly suppressed: number;
  /** The line that was logged. */
  readonly message: string;
}

export interface DiagnosticsOptions {
  /** Called with every report (at the reports' rate). Exceptions are caught. */
  readonly onReport?: (report: DiagnosticReport) => void;
  /** At most one report per kind per this many milliseconds (default 60 000). `Infinity`: once. */
  readonly intervalMs?: number;
}

export const DEFAULT_INTERVAL_MS = 60_000;

/** One rate-limited slot: when it last reported, and how many occurrences it has not. */
export class Slot {
  private lastAt = -Infinity;
  private skipped = 0;

  constructor(private readonly intervalMs: number) {}

  /**
   * True, counting this occurrence as suppressed, when the slot would suppress it; false (and no
   * change) when it would report it — the caller then calls take() as usual.
   */
  suppresses(): boolean {
    if (Date.now() - this.lastAt < this.intervalMs) {
      this.skipped++;
      return true;
    }
    return false;
  }

  /** The number suppressed since the last report when this occurrence should be reported, else -1. */
  take(): number {
    const now = Date.now();
    if (now - this.lastAt < this.intervalMs) {
      this.skipped++;
      return -1;
    }
    this.lastAt = now;
    const skipped = this.skipped;
    this.skipped = 0;
    return skipped;
  }
}

/**
 * A user's hook (`onReport`, `onConflict`), called so that it never throws into the request: its
 * first throw is logged, with the hook's name, and the ones after it are not.
 */
export class GuardedHook<T> {
  private failed = false;

  constructor(
    private readonly name: string,
    private readonly hook: ((arg: T) => void) | undefined,
  ) {}

  call(arg: T, log: (message: string) => void): void {
    if (this.hook === undefined) return;
    try {
      this.hook(arg);
    } catch (err) {
      if (this.failed) return;
      this.failed = true;
      log(
        `@baton/propagator-env: the ${this.name} hook threw (${err instanceof Error ? err.message : String(err)}); ` +
          'further errors from it are not reported.',
      );
    }
  }
}

/** Delivers a report: the hook (never throwing into the request), then the log line. */
export class Sink {
  private readonly onReport: GuardedHook<DiagnosticReport>;
  private readonly logLine = (message: string): void => this.log(message);

  constructor(
    onReport: ((report: DiagnosticReport) => void) | undefined,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {
    this.onReport = new GuardedHook('onReport', onReport);
  }

  deliver(report: DiagnosticReport): void {
    this.onReport.call(report, this.logLine);
    this.log(report.message);
  }

  /** diag when a logger exists, else stderr unless OTEL_LOG_LEVEL silences warnings. */
  log(message: string): void {
    if (diagLoggerInstalled()) {
      try {
        diag.warn(message);
      } catch {
        // a broken logger must not break a request
      }
    } else if (preloadVerbosity(this.env.OTEL_LOG_LEVEL ?? process.env.OTEL_LOG_LEVEL).warnings) {
      printLine(message);
    }
  }
}

/** " (3 more since the last report)" or "". */
export function suppressedText(n: number): string {
  return n > 0 ? ` (${n} more since the last report)` : '';
}

/** A header value for a message: a string, at most 64 characters, JSON-quoted (no control chars). */
export function shownValue(value: unknown): string {
  let s: string;
  try {
    if (typeof value === 'string') s = value;
    else if (Array.isArray(value)) s = typeof value[0] === 'string' ? value[0] : String(value[0]);
    else if (value instanceof Uint8Array) s = Buffer.from(value.subarray(0, 64)).toString('latin1');
    else s = String(value);
  } catch {
    s = '(unprintable)';
  }
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
}
