#!/usr/bin/env node
/** The `baton` executable: the process's streams and exit status around `main`. */
import { readFileSync } from 'node:fs';
import { main } from './cli';

process.exitCode = main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => (process.stdin.isTTY ? undefined : readFileSync(0, 'utf8')),
  env: process.env,
});
