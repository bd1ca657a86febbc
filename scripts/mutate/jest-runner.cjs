// Jest runner for `npm run mutate` (jest.config.ts uses it when BATON_MUTATE_TEST_INDEX is set).
//
// For each mutant, Stryker runs Jest with a testNamePattern naming only the tests that cover it
// (perTest coverage). Jest then still loads every test file of the package — its imports, the
// OpenTelemetry SDK, servers' setup — and skips their tests one by one: under load that was ~10 s
// per mutant in propagator-w3c, against under 1 s for the one file that holds the tests.
//
// This runner skips a test file outright when none of its tests matches the pattern, which is
// what Jest would have done test by test, so a mutant's result is the same. Which tests a file
// holds comes from the run without a pattern (Stryker's initial, coverage-measuring run), written
// to the index file. A file the index does not know is run: the filter only ever removes files it
// knows hold no matching test.
const { readFileSync, writeFileSync } = require('node:fs');
const { default: TestRunner } = require('jest-runner');

const indexFile = process.env.BATON_MUTATE_TEST_INDEX;

function readIndex() {
  try {
    return JSON.parse(readFileSync(indexFile, 'utf8'));
  } catch {
    return undefined;
  }
}

class MutateRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    const pattern = this._globalConfig.testNamePattern;
    if (!indexFile) return super.runTests(tests, watcher, options);
    if (!pattern) {
      // A full run: record each file's test names (jest-circus's fullName, what the pattern matches).
      const index = {};
      const off = this.on('test-file-success', ([test, result]) => {
        index[test.path] = result.testResults.map((r) => r.fullName);
      });
      try {
        return await super.runTests(tests, watcher, options);
      } finally {
        off();
        writeFileSync(indexFile, JSON.stringify(index));
      }
    }
    const index = readIndex();
    if (index === undefined) return super.runTests(tests, watcher, options);
    const re = new RegExp(pattern, 'i'); // as jest-circus builds it
    const kept = tests.filter((t) => {
      const names = index[t.path];
      return names === undefined || names.some((name) => re.test(name));
    });
    return super.runTests(kept, watcher, options);
  }
}

module.exports = MutateRunner;
