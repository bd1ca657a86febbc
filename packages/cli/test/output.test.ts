/**
 * What every command shares: --help, usage errors (exit 2), colour only on a terminal and never with
 * NO_COLOR, and human output that fits 100 columns.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, baton, build, cleanEnv, fixtures, stripAnsi } from './run';

beforeAll(build, 180_000);

const TP = 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const ESC = '\x1b[';

test.each(['decode', 'convert', 'explain'])(
  'baton %s --help: usage and options, exit 0',
  (command) => {
    const r = baton([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`baton ${command} —`);
    expect(r.stdout).toContain('Exit status');
  },
);

test('baton --help lists the commands; no command is a usage error', () => {
  expect(baton(['--help'])).toMatchObject({
    status: 0,
    stdout: expect.stringContaining('baton explain --compare'),
  });
  expect(baton([]).status).toBe(2);
});

test.each([
  [['frobnicate'], 'unknown command'],
  [['decode', '--nope', TP], "Unknown option '--nope'"],
  [['decode', '--har', '/nonexistent.har'], 'cannot read /nonexistent.har: ENOENT'],
  [['decode', '--file'], "Option '--file <value>' argument missing"],
])('usage errors exit 2 with a message on stderr: %j', (args, message) => {
  const r = baton(args);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(message);
  expect(r.stdout).toBe('');
});

describe('colour', () => {
  test('not on a pipe; FORCE_COLOR turns it on; NO_COLOR wins over FORCE_COLOR', () => {
    expect(baton(['decode', TP]).stdout).not.toContain(ESC);
    expect(baton(['decode', TP], { env: { FORCE_COLOR: '1' } }).stdout).toContain(ESC);
    expect(
      baton(['decode', TP], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout,
    ).not.toContain(ESC);
  });

  /** Runs the bin on a real pseudo-terminal (util-linux `script`). */
  function onTerminal(env: Record<string, string>): string {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} decode '${TP}'`;
    // Without CI: Node's hasColors() reports a 2-colour terminal when CI is set (as .ci/run sets
    // it), and the CLI rightly follows hasColors(). A person's terminal has no CI variable.
    const terminalEnv = cleanEnv({ TERM: 'xterm-256color', ...env });
    delete terminalEnv.CI;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      env: terminalEnv,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return r.stdout;
  }

  const hasScript = spawnSync('script', ['--version']).status === 0;
  (hasScript ? test : test.skip)('on a terminal: coloured, unless NO_COLOR is set', () => {
    expect(onTerminal({})).toContain(ESC);
    const plain = onTerminal({ NO_COLOR: '1' });
    expect(plain).toContain('W3C Trace Context');
    expect(plain).not.toContain(ESC);
  });
});

test('human output fits 100 columns, coloured or not', () => {
  const runs = [
    baton(['decode', '--har', join(fixtures, 'demo-misconfigured.har')], {
      env: { FORCE_COLOR: '1' },
    }),
    baton([
      'decode',
      `baggage: ${'k=v,'.repeat(40)}x y`,
      `b3: ${'a'.repeat(70)}`,
      `uber-trace-id: ${'f'.repeat(200)}`,
    ]),
    baton(['explain', '--propagators', 'tracecontext,b3mutli,tennant-id', TP]),
    baton(['explain', '--compare', 'tracecontext,baggage,b3multi,jaeger,platform-id', 'jaeger']),
    baton(['convert', '--to', 'tracecontext,baggage,b3,b3multi,jaeger,platform-id', TP]),
  ];
  for (const r of runs) {
    for (const line of stripAnsi(r.stdout).split('\n'))
      expect([...line].length).toBeLessThanOrEqual(100);
  }
});
