#!/usr/bin/env node
// `npm run mutate -- --package internal [--package propagator-w3c …] [--files 'src/hex.ts,src/carrier.ts'] [--tests 'a.test.ts,b.test.ts'] [--force] [--with-static]`
//
// Mutation testing with StrykerJS: it changes the package's source one small way at a time (a `<`
// into `<=`, a `+ 1` into `- 1`, a condition into `true`) and runs that package's Jest tests against
// each change. A mutant that no test notices ("survived") is a promise nothing guards.
// Not in CI: a package takes minutes to tens of minutes. Incremental: results are kept in
// .tmp/stryker/<package>/<file set>/incremental.json (<file set> is `all`, or the --files list), so
// a re-run tests only the mutants whose code or tests changed. The HTML report is written next to it,
// mutation.html.
// Survivors that cannot be killed (equivalent mutants) are listed, with the reason, in the
// package's MUTATION.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const { values } = parseArgs({
  options: {
    package: { type: 'string', multiple: true },
    files: { type: 'string' },
    // Only these test files of the package (globs under its test/), e.g. to leave out suites that
    // start real processes. Fewer tests can only kill fewer mutants: the score is a lower bound.
    tests: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    // Test every mutant again, ignoring the incremental file's results (it is rewritten).
    force: { type: 'boolean', default: false },
    // Also test the mutants that only module loading executes (see ignoreStatic below): slow.
    'with-static': { type: 'boolean', default: false },
  },
});
const names = values.package ?? [];
if (names.length === 0) {
  console.error('mutate: name a package, e.g. `npm run mutate -- --package internal`');
  process.exit(2);
}

for (const name of names) {
  const pkgDir = join(root, 'packages', name);
  if (!existsSync(join(pkgDir, 'src'))) {
    console.error(`mutate: no packages/${name}/src`);
    process.exit(2);
  }
  // One incremental file and report per file set: a run with `--files` keeps (and reuses) its own
  // results, without replacing those of another file set or of the whole package.
  const set =
    (values.files ? values.files.replace(/[^A-Za-z0-9.-]+/g, '_') : 'all') +
    (values.tests ? '__tests_' + values.tests.replace(/[^A-Za-z0-9.-]+/g, '_') : '');
  const out = join(root, '.tmp/stryker', name, set);
  mkdirSync(out, { recursive: true });
  const mutate = values.files
    ? values.files.split(',').map((f) => `packages/${name}/${f.trim()}`)
    : [`packages/${name}/src/**/*.ts`, `!packages/${name}/src/index.ts`];
  const config = {
    $schema: join(root, 'node_modules/@stryker-mutator/core/schema/stryker-schema.json'),
    packageManager: 'npm',
    testRunner: 'jest',
    // BATON_JEST_PACKAGE makes jest.config.ts export this one package's project, flat, so Stryker
    // runs (and measures per-test coverage of) only the tests that can kill its mutants.
    jest: { configFile: 'jest.config.ts', enableFindRelatedTests: false },
    testRunnerNodeArgs: [],
    checkers: ['typescript'],
    tsconfigFile: 'tsconfig.json',
    coverageAnalysis: 'perTest',
    // A mutant that runs outside any test (module loading, a beforeAll, a server still answering)
    // is "static": Stryker would run every test of the package for it. In propagator-w3c that was
    // 62% of traceparent.ts (the service tests' servers parse headers between tests), 2 minutes
    // each. With ignoreStatic a mutant that tests also cover runs only those tests (its module is
    // loaded afresh, mutant active, for every test file, so its load-time effect is still seen);
    // one that no test covers (only module-level code) is reported Ignored, outside the score —
    // `--with-static` tests those too.
    ignoreStatic: !values['with-static'],
    mutate,
    incremental: true,
    force: values.force,
    incrementalFile: join(out, 'incremental.json'),
    concurrency: Number(values.concurrency),
    // Added to the covering tests' own time: a mutant that loops forever is cut off sooner.
    timeoutMS: 10_000,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: join(out, 'mutation.html') },
    jsonReporter: { fileName: join(out, 'mutation.json') },
    tempDirName: '.tmp/stryker-sandbox',
    ignorePatterns: ['.tmp', 'packed', 'bench', 'tools', 'coverage', '**/dist'],
    thresholds: { high: 90, low: 80, break: null },
  };
  const configFile = join(out, 'stryker.config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2) + '\n');
  console.log(`::: mutate ${name} (${mutate.join(' ')})`);
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', configFile],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        BATON_JEST_PACKAGE: name,
        // Which tests each test file holds, so a mutant's run loads only the files with a test
        // that covers it (scripts/mutate/jest-runner.cjs). Rewritten by every initial test run.
        BATON_MUTATE_TEST_INDEX: join(out, 'test-files.json'),
        // jest.config.ts: the package's testMatch becomes these files (--tests).
        ...(values.tests ? { BATON_MUTATE_TESTS: values.tests } : {}),
      },
    },
  );
}
