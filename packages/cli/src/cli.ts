/**
 * The `baton` command: argument parsing (Node's util.parseArgs), input, dispatch, output and exit
 * status. Exit status: 0 everything valid, 1 something invalid or lost, 2 usage error.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_FORMATS, convertHeaderSet } from './convert';
import { decodeHeaderSet } from './decode';
import { compareServices, explainService } from './explain';
import type { HeaderSet } from './headers';
import { CONVERT_HELP, DECODE_HELP, EXPLAIN_HELP, MAIN_HELP } from './help';
import { UsageError, fromArguments, fromText } from './input';
import { renderConvert } from './render/convert';
import { renderRequest } from './render/decode';
import { renderCompare, renderExplain } from './render/explain';
import { serviceOptions } from './service-options';
import { colourEnabled, makeStyle, type Style } from './render/style';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** Where the command reads and writes: the process, or a test's stand-ins. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean; hasColors?: () => boolean };
  stderr: { write(s: string): unknown };
  /** All of stdin, or undefined when stdin is a terminal (nothing piped). */
  readStdin(): string | undefined;
  env: NodeJS.ProcessEnv;
}

const INPUT_OPTIONS = {
  har: { type: 'string' },
  file: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/**
 * The header sets to work on: arguments, --har/--file, or stdin (`-`, or — when `stdinByDefault`
 * — no headers given at all). Undefined when there are none and none are required.
 */
function headerSets(
  positionals: string[],
  values: { har?: string; file?: string },
  io: Io,
  stdinByDefault: boolean,
): HeaderSet[] | undefined {
  const sets: HeaderSet[] = [];
  const args = positionals.filter((p) => p !== '-');
  if (args.length > 0) sets.push(fromArguments(args));
  if (values.har !== undefined) sets.push(...fromText(readFile(values.har), basename(values.har)));
  if (values.file !== undefined)
    sets.push(...fromText(readFile(values.file), basename(values.file)));
  const wantStdin = positionals.includes('-') || (stdinByDefault && sets.length === 0);
  if (wantStdin) {
    const text = io.readStdin();
    if (text === undefined) {
      if (!stdinByDefault || positionals.includes('-'))
        throw new UsageError('stdin is a terminal: pipe headers in');
      throw new UsageError(
        "no headers: give them as arguments ('Name: value'), with --har/--file, or on stdin",
      );
    }
    sets.push(...fromText(text, 'stdin'));
  }
  return sets.length > 0 ? sets : undefined;
}

function print(io: Io, text: string): void {
  io.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

function json(io: Io, value: unknown): void {
  print(
    io,
    JSON.stringify(value, (_k, v: unknown) => (v === undefined ? null : v), 2),
  );
}

function decode(argv: string[], io: Io, style: Style): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: INPUT_OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (print(io, DECODE_HELP), EXIT_OK);
  const sets = headerSets(positionals, values, io, true)!;
  const reports = sets.map((set) => decodeHeaderSet(set));
  const valid = reports.every((r) => r.valid);
  if (values.json) json(io, { command: 'decode', valid, requests: reports });
  else print(io, reports.map((r, i) => renderRequest(r, style, i, reports.length)).join('\n\n'));
  return valid ? EXIT_OK : EXIT_INVALID;
}

function convert(argv: string[], io: Io, style: Style): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...INPUT_OPTIONS, to: { type: 'string' }, from: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (print(io, CONVERT_HELP), EXIT_OK);
  if (values.to === undefined || values.to.trim() === '') {
    throw new UsageError('convert needs --to, e.g. --to b3 (names as in OTEL_PROPAGATORS)');
  }
  const sets = headerSets(positionals, values, io, true)!;
  const reports = sets.map((set) => convertHeaderSet(set, values.from ?? ALL_FORMATS, values.to!));
  const valid = reports.every((r) => r.valid);
  if (values.json) json(io, { command: 'convert', valid, requests: reports });
  else print(io, reports.map((r, i) => renderConvert(r, style, i, reports.length)).join('\n'));
  return valid ? EXIT_OK : EXIT_INVALID;
}

function explain(argv: string[], io: Io, style: Style): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...INPUT_OPTIONS,
      propagators: { type: 'string' },
      precedence: { type: 'string' },
      config: { type: 'string' },
      require: { type: 'string', multiple: true },
      diagnostics: { type: 'boolean' },
      compare: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (print(io, EXPLAIN_HELP), EXIT_OK);
  const options = serviceOptions(values, io.env);
  if (values.compare) {
    // `--compare A B [HEADER...]`: the first two positionals are the two lists.
    const [a, b, ...rest] = positionals;
    if (a === undefined || b === undefined)
      throw new UsageError('--compare needs two lists: --compare tracecontext,b3multi jaeger');
    const sets = headerSets(rest, values, io, false);
    const report = compareServices(a, b, options, sets?.[0]);
    if (values.json) json(io, { command: 'explain --compare', ...report });
    else print(io, renderCompare(report, style));
    return report.valid ? EXIT_OK : EXIT_INVALID;
  }
  const fromFlag = values.propagators !== undefined;
  const list = fromFlag ? values.propagators! : (io.env.OTEL_PROPAGATORS ?? '');
  const sets = headerSets(positionals, values, io, false);
  const report = explainService(
    list,
    fromFlag ? '--propagators' : 'OTEL_PROPAGATORS',
    options,
    sets?.[0],
  );
  if (values.json) json(io, { command: 'explain', ...report });
  else print(io, renderExplain(report, style));
  return report.valid ? EXIT_OK : EXIT_INVALID;
}

const COMMANDS: Record<string, (argv: string[], io: Io, style: Style) => number> = {
  decode,
  convert,
  explain,
};

/** Runs `baton` with `argv` (without node and the script); returns the exit status. */
export function main(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    print(io, MAIN_HELP);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const run = COMMANDS[command];
  if (run === undefined) {
    io.stderr.write(`baton: unknown command ${JSON.stringify(command)}\n\n${MAIN_HELP}`);
    return EXIT_USAGE;
  }
  const style = makeStyle(colourEnabled(io.stdout, io.env));
  try {
    return run(rest, io, style);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (
      err instanceof UsageError ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    ) {
      io.stderr.write(
        `baton ${command}: ${(err as Error).message}\n(see baton ${command} --help)\n`,
      );
      return EXIT_USAGE;
    }
    throw err;
  }
}
