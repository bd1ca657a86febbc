/**
 * The per-request check, run only when extract found no span context (a trace that continues has
 * nothing to explain): is a known format present that no member reads, or one a member read and
 * rejected?
 *
 * Work: one `getter.get` per known trace header (eight lowercase names, precomputed), nothing else;
 * no `keys()` scan, so headers in other cases (Kafka carriers) are not looked at — HTTP lowercases
 * them. No allocation unless a report is due.
 */
import type { TextMapGetter, TextMapPropagator } from '@opentelemetry/api';
import { headersRead } from '@baton/internal';
import { KNOWN_FORMATS } from './formats';
import type { KnownFormat } from './formats';
import { explainerOf, reasonFor } from './rejection';
import type { RejectionExplainer } from './rejection';
import { shownValue, Sink, Slot, suppressedText } from './report';
import type { DiagnosticReport } from './report';

/** A member, as far as the watch is concerned: what it reads, its name, how it explains itself. */
export interface WatchedMember {
  readonly propagator: TextMapPropagator;
  readonly description: string;
}

interface Unread {
  readonly format: KnownFormat;
  readonly slot: Slot;
}

interface Read {
  readonly format: KnownFormat;
  readonly slot: Slot;
  readonly member: string;
  readonly explainer: RejectionExplainer | undefined;
}

/** The headers a member reads: its HEADERS_READ promise, else (a foreign member) its fields(). */
function readsHeader(member: TextMapPropagator, header: string): boolean {
  const read = headersRead(member);
  if (read !== undefined) {
    return read.names.includes(header) || read.prefixes.some((p) => header.startsWith(p));
  }
  try {
    const fields: unknown = member.fields();
    return Array.isArray(fields) && fields.includes(header);
  } catch {
    return false;
  }
}

export class Watch {
  private readonly unread: readonly Unread[];
  private readonly read: readonly Read[];

  constructor(
    members: readonly WatchedMember[],
    /** `OTEL_PROPAGATORS=tracecontext,baggage → Composite[W3CTraceContext, W3CBaggage]` */
    private readonly configured: string,
    /** Where to add a name: `OTEL_PROPAGATORS` or `the propagator names`. */
    private readonly fixTarget: string,
    private readonly sink: Sink,
    intervalMs: number,
  ) {
    const unread: Unread[] = [];
    const read: Read[] = [];
    for (const format of KNOWN_FORMATS) {
      const reader = members.find((m) => readsHeader(m.propagator, format.header));
      if (reader === undefined) {
        unread.push({ format, slot: new Slot(intervalMs) });
      } else if (format.carriesTrace) {
        read.push({
          format,
          slot: new Slot(intervalMs),
          member: reader.description,
          explainer: explainerOf(reader.propagator),
        });
      }
    }
    this.unread = unread;
    this.read = read;
  }

  /** Looks at the carrier after an extract that found no span context. Never throws. */
  check(carrier: unknown, getter: TextMapGetter): void {
    try {
      const unread = this.unread;
      for (let i = 0; i < unread.length; i++) {
        const value: unknown = getter.get(carrier, unread[i].format.header);
        if (value === undefined || value === null) continue;
        const suppressed = unread[i].slot.take();
        if (suppressed >= 0) this.reportUnread(unread[i].format, suppressed);
      }
      const read = this.read;
      for (let i = 0; i < read.length; i++) {
        const value: unknown = getter.get(carrier, read[i].format.header);
        if (value === undefined || value === null || isSamplingOnly(read[i].format, value))
          continue;
        const suppressed = read[i].slot.take();
        if (suppressed >= 0) this.reportRejected(read[i], value, suppressed);
      }
    } catch {
      // a getter that throws: the members met it too; the diagnostics stay out of the way
    }
  }

  private reportUnread(format: KnownFormat, suppressed: number): void {
    const message =
      `@baton/propagator-env: a request carried ${format.header} (${format.format}), which no ` +
      `configured propagator reads (${this.configured}); its trace was not continued. ` +
      `Fix: add ${format.name} to ${this.fixTarget}.${suppressedText(suppressed)}`;
    this.sink.deliver(this.report('unread-format', format, suppressed, message));
  }

  private reportRejected(entry: Read, raw: unknown, suppressed: number): void {
    const value = shownValue(raw);
    const reason = reasonFor(entry.explainer, entry.format, typeof raw === 'string' ? raw : value);
    // A rule in words may already say where ("… at position 1"): say it once.
    const at = reason.position === undefined ? '' : ` at position ${reason.position}`;
    const where = at === '' || reason.rule.includes(at) ? '' : at;
    const spec = reason.spec === undefined ? '' : ` (${reason.spec})`;
    const message =
      `@baton/propagator-env: ${entry.member} rejected ${entry.format.header} ${JSON.stringify(value)}: ` +
      `${reason.rule}${where}${spec}; its trace was not continued.${suppressedText(suppressed)}`;
    this.sink.deliver({
      ...this.report('rejected-header', entry.format, suppressed, message),
      rejectedBy: entry.member,
      reason,
      value,
    });
  }

  private report(
    kind: DiagnosticReport['kind'],
    format: KnownFormat,
    suppressed: number,
    message: string,
  ): DiagnosticReport {
    return {
      kind,
      header: format.header,
      format: format.format,
      name: format.name,
      configured: this.configured,
      suppressed,
      message,
    };
  }
}

/** B3's sampling-only `b3: 0|1|d` is valid and carries no trace (REQUIREMENTS §4). */
function isSamplingOnly(format: KnownFormat, value: unknown): boolean {
  return format.header === 'b3' && typeof value === 'string' && value.trim().length <= 1;
}
