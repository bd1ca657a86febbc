/** `--help` text of each command (kept under 100 columns). */

export const MAIN_HELP = `baton — decode, check and convert trace propagation headers

Usage
  baton decode  [HEADER...] [--har FILE] [--file FILE] [--json]
  baton convert --to NAMES [--from NAMES] [HEADER...] [--har FILE] [--file FILE] [--json]
  baton explain [--propagators NAMES] [SERVICE OPTIONS] [HEADER...|-] [--json]
  baton explain --compare NAMES_A NAMES_B [HEADER...|-] [--json]
  baton <command> --help

HEADER is 'Name: value' (quote it). Without headers, decode and convert read stdin: header
lines, curl -v output, a JSON object of headers, or a HAR file.

Exit status: 0 all valid, 1 something invalid or lost, 2 usage error.
`;

export const DECODE_HELP = `baton decode — what propagation headers say, and why one is rejected

Usage
  baton decode 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
  curl -sv https://example.com 2>&1 | baton decode
  baton decode --har session.har

Options
  --har FILE    read every request of a HAR file (browser devtools: "Save all as HAR")
  --file FILE   read headers from FILE (header lines, curl -v output, JSON or HAR)
  --json        print the report as JSON (shape documented in the README)
  -h, --help    this text

For each format found (W3C Trace Context, W3C Baggage, B3, Jaeger, AWS X-Ray, OT Trace, Google
Cloud Trace, platform-id): every field and
its meaning, or the rule that rejects the value, the position and what would be valid; what
Baton extracts; what the official @opentelemetry package extracts where it differs (when it is
installed); and the conflict a composite reports when the headers carry two traces.

Exit status: 0 all valid, 1 something invalid, no known header, or two traces; 2 usage error.
`;

export const CONVERT_HELP = `baton convert — the headers another format would carry for the same context

Usage
  baton convert --to b3 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
  baton convert --to tracecontext,baggage --from jaeger --file headers.txt

Options
  --to NAMES    OTEL_PROPAGATORS names to inject with: tracecontext, baggage, b3, b3multi, jaeger,
                xray, xray-lambda, ottrace, gcp, oneway-gcp, platform-id (comma-separated)
  --from NAMES  names to extract with
                (default: tracecontext,baggage,b3multi,jaeger,xray,ottrace,gcp,platform-id)
  --har FILE, --file FILE, --json, -h/--help   as for decode

Extract and inject are the propagators' own: the output is what a service would send.
Exit status: 0 converted, 1 nothing to convert, 2 usage error (an unknown name included).
`;

export const EXPLAIN_HELP = `baton explain — what an OTEL_PROPAGATORS setting reads, writes and continues

Usage
  OTEL_PROPAGATORS=tracecontext,b3multi baton explain
  baton explain --propagators tracecontext,baggage 'x-b3-traceid: …' 'x-b3-spanid: …'
  baton explain --compare tracecontext,baggage,b3multi jaeger
  baton explain --require ./tracing/propagators.js --propagators tracecontext,tenant-id

Options
  --propagators NAMES     the list to explain (default: $OTEL_PROPAGATORS, else tracecontext,baggage)
  --compare A B           does a context injected by a service with list A survive extraction by
                          one with list B? (a sample context, or the one the given headers carry)

Service options (what the service runs with besides the list)
  --precedence first|last the composite's precedence (default last, as @opentelemetry/core)
  --config FILE           the preload's config module (default: $BATON_PROPAGATORS_CONFIG); its
                          composite.precedence applies, its hooks are named, never called
  --require MODULE        load a module first, e.g. one that calls registerPropagator for custom
                          names (repeatable; resolved from the working directory)
  --diagnostics           also print what the service's broken-trace diagnostics would log for
                          the given headers
  --har FILE, --file FILE  headers to run through the service's extract; '-' reads stdin
  --json, -h/--help

Prints the resolved chain, every warning the resolver gives, the headers each member reads and
writes, and for given headers: what the service continues, what it ignores or rejects, and why.
Exit status: 0 nothing lost, 1 a warning, an ignored or rejected header or a lost context, 2 usage.
`;
