/**
 * `baton explain`: what a service configured with an OTEL_PROPAGATORS list does — the chain Baton
 * resolves, every warning the resolver gives, the headers each member reads and writes — and, given
 * captured request headers, what it would continue, what it ignores and why. `--compare A B`: does
 * a context injected by a service configured with A survive extraction by one configured with B?
 */
import {
  ROOT_CONTEXT,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  trace,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { headersRead } from '@baton/internal';
import type { ConflictInfo } from '@baton/propagator-composite';
import { setPlatformId } from '@baton/propagator-platform-id';
import {
  describePropagator,
  parsePropagatorNames,
  resolvePropagators,
} from '@baton/propagator-env';
import { FORMATS, type HeaderReport } from './formats';
import { toCarrier, type Carrier, type HeaderSet } from './headers';
import { summarize, type Extracted } from './extracted';
import type { ConfigSummary, ServiceOptions } from './service-options';

export interface MemberReport {
  name: string;
  description: string;
  /** Header names extract reads, and name prefixes (`uberctx-`); null when the member does not say. */
  reads: { names: string[]; prefixes: string[] } | null;
  /** `fields()`: the headers inject writes. */
  writes: string[];
}

export interface ChainReport {
  /** The list as given (`OTEL_PROPAGATORS` value or `--propagators`). */
  propagators: string;
  source: string;
  description: string;
  warnings: string[];
  members: MemberReport[];
  /** The composite's precedence the service runs with (`last` unless set). */
  precedence: 'first' | 'last';
  /** The BATON_PROPAGATORS_CONFIG module (`--config`), or null. */
  config: ConfigSummary | null;
  /** Modules loaded with --require (custom propagators registered), in order. */
  required: string[];
}

export type { ServiceOptions } from './service-options';

interface Chain {
  report: ChainReport;
  propagator: TextMapPropagator;
  names: string[];
  conflicts: ConflictInfo[];
}

const PREFIX = /^@baton\/propagator-env: /;

function resolveChain(list: string, source: string, options: ServiceOptions): Chain {
  const warnings: string[] = [...(options.warnings ?? [])];
  const conflicts: ConflictInfo[] = [];
  // diagnostics: false — the CLI reports what extract ignored and why itself, on stdout; the
  // resolver's stderr reports (format no member reads, conflicts) would say it twice.
  const propagator = resolvePropagators(list, {
    source,
    diagnostics: false,
    logger: { warn: (m) => warnings.push(m.replace(PREFIX, '')) },
    composite: {
      precedence: options.precedence,
      onConflict: (info) => conflicts.push(info),
      conflictWarningIntervalMs: Infinity,
    },
  });
  const members: MemberReport[] = [];
  const names: string[] = [];
  const requested = parsePropagatorNames(list);
  for (const name of requested.length > 0 ? requested : ['tracecontext', 'baggage']) {
    // One name at a time, silently: the warnings above already say which names were skipped.
    const member = resolvePropagators([name], {
      logger: { warn: () => {} },
      defaults: [],
      diagnostics: false,
    });
    const description = describePropagator(member);
    if (description === 'Noop' && name !== 'none') continue;
    names.push(name);
    const read = headersRead(member);
    let writes: string[] = [];
    try {
      writes = member.fields();
    } catch {
      // a foreign member whose fields() throws writes nothing we can name
    }
    members.push({
      name,
      description,
      reads: read === undefined ? null : { names: [...read.names], prefixes: [...read.prefixes] },
      writes,
    });
  }
  return {
    report: {
      propagators: list,
      source,
      description: describePropagator(propagator),
      warnings,
      members,
      precedence: options.precedence ?? 'last',
      config: options.config ?? null,
      required: options.required ?? [],
    },
    propagator,
    names,
    conflicts,
  };
}

/** A format in the captured headers, and what the service does with it. */
export interface FormatUse {
  format: string;
  title: string;
  /** The configured names that read it (empty: ignored). */
  readBy: string[];
  /** `continued` (valid, read), `rejected` (read, invalid), `ignored` (no member reads it). */
  outcome: 'read' | 'rejected' | 'ignored';
  headers: HeaderReport[];
  /** The fix, when there is one. */
  hint: string | null;
}

export interface ExplainReport {
  chain: ChainReport;
  /** Set when headers were given. */
  request: {
    source: string;
    /** What the service continues from these headers (null: it starts a new trace). */
    continues: Extracted | null;
    formats: FormatUse[];
    conflict: ConflictInfo | null;
    /** With --diagnostics: the lines the service's diagnostics would log (null without the flag). */
    diagnostics: string[] | null;
  } | null;
  valid: boolean;
}

/**
 * What a service with diagnostics on (the default of propagatorFromEnv and the preload) would log
 * for this carrier: the resolver's own reports (a format no member reads, a rejected header),
 * collected through onReport, printing nothing. (Conflicts are in the report's `conflict` already.)
 */
function diagnosticLines(list: string, options: ServiceOptions, carrier: Carrier): string[] {
  const lines: string[] = [];
  const propagator = resolvePropagators(list, {
    source: 'OTEL_PROPAGATORS',
    logger: { warn: () => {} },
    env: { ...process.env, OTEL_LOG_LEVEL: 'none' },
    composite: { precedence: options.precedence },
    diagnostics: { onReport: (r) => void lines.push(r.message), intervalMs: Infinity },
  });
  propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
  return lines;
}

export function explainService(
  list: string,
  source: string,
  options: ServiceOptions,
  set: HeaderSet | undefined,
): ExplainReport {
  const chain = resolveChain(list, source, options);
  let request: ExplainReport['request'] = null;
  if (set !== undefined) {
    const carrier = toCarrier(set.headers);
    const ctx = chain.propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
    const formats: FormatUse[] = [];
    for (const f of FORMATS) {
      if (!f.present(carrier)) continue;
      const readBy = f.readBy.filter((n) => chain.names.includes(n));
      const headers = f.explain(carrier);
      const outcome =
        readBy.length === 0 ? 'ignored' : headers.every((h) => h.valid) ? 'read' : 'rejected';
      const hint =
        outcome === 'ignored'
          ? `add ${f.fix ?? f.readBy[f.readBy.length - 1]} to OTEL_PROPAGATORS to read ${f.title}`
          : outcome === 'rejected'
            ? 'fix the sender: see the rule above'
            : null;
      formats.push({ format: f.id, title: f.title, readBy, outcome, headers, hint });
    }
    request = {
      source: set.source,
      continues: summarize(ctx),
      formats,
      conflict: chain.conflicts[0] ?? null,
      diagnostics: options.diagnostics ? diagnosticLines(list, options, carrier) : null,
    };
  }
  const valid =
    chain.report.warnings.length === 0 &&
    (request === null ||
      (request.continues?.traceId !== undefined &&
        request.conflict === null &&
        request.formats.every((f) => f.outcome === 'read')));
  return { chain: chain.report, request, valid };
}

/** What one item of the context became on the way from A to B. */
export interface Survival {
  item: string;
  sent: string | null;
  received: string | null;
  survives: boolean;
}

export interface CompareReport {
  a: ChainReport;
  b: ChainReport;
  /** What A's headers carry (A's own extract of what it injected: a sample context, or the given headers'). */
  sent: Extracted | null;
  /** The headers A writes. */
  headers: Record<string, string>;
  received: Extracted | null;
  items: Survival[];
  /** Formats A writes that B does not read. */
  unread: string[];
  valid: boolean;
}

/** The sample context `--compare` sends when no headers are given. */
export const SAMPLE = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  baggage: { 'user.tier': 'gold' },
  platformId: 'plat-7f3a',
};

function sampleContext(): Context {
  let ctx = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: SAMPLE.traceId,
    spanId: SAMPLE.spanId,
    traceFlags: 1,
    isRemote: false,
  });
  ctx = propagation.setBaggage(ctx, propagation.createBaggage({ 'user.tier': { value: 'gold' } }));
  return setPlatformId(ctx, SAMPLE.platformId);
}

function items(sent: Extracted | null, received: Extracted | null): Survival[] {
  const out: Survival[] = [];
  const add = (item: string, a: string | undefined, b: string | undefined): void => {
    if (a === undefined) return;
    out.push({ item, sent: a, received: b ?? null, survives: a === b });
  };
  add(
    'trace',
    sent?.traceId && `${sent.traceId}-${sent.spanId}`,
    received?.traceId && `${received.traceId}-${received.spanId}`,
  );
  add(
    'sampled',
    sent?.traceId && String(sent.sampled),
    received?.traceId && String(received.sampled),
  );
  for (const [k, v] of Object.entries(sent?.baggage ?? {}))
    add(`baggage ${k}`, v, received?.baggage?.[k]);
  add('platform-id', sent?.platformId, received?.platformId);
  return out;
}

export function compareServices(
  a: string,
  b: string,
  options: ServiceOptions,
  set: HeaderSet | undefined,
): CompareReport {
  const chainA = resolveChain(a, 'A', options);
  const chainB = resolveChain(b, 'B', options);
  const ctx =
    set === undefined
      ? sampleContext()
      : chainA.propagator.extract(ROOT_CONTEXT, toCarrier(set.headers), defaultTextMapGetter);
  const headers: Record<string, string> = {};
  chainA.propagator.inject(ctx, headers, defaultTextMapSetter);
  const received = summarize(
    chainB.propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter),
  );
  // What A conveys is what A itself reads back from its own headers: a context item A has no
  // format for (platform-id when A lacks it) is not sent, so it cannot be lost on the way to B.
  const sent = summarize(chainA.propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));
  const list = items(sent, received);
  const carrier: Carrier = headers;
  const unread = FORMATS.filter(
    (f) => f.present(carrier) && !f.readBy.some((n) => chainB.names.includes(n)),
  ).map((f) => f.title);
  return {
    a: chainA.report,
    b: chainB.report,
    sent,
    headers,
    received,
    items: list,
    unread,
    valid:
      list.length > 0 &&
      list.every((i) => i.survives) &&
      chainA.report.warnings.length + chainB.report.warnings.length === 0,
  };
}
