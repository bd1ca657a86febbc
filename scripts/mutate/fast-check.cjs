// fast-check as the tests see it under `npm run mutate` only (jest.config.ts maps the name here when
// BATON_MUTATE_TEST_INDEX is set; CI and `npm test` load the real package with every test's own
// numRuns).
//
// A property that does NOT fail under a mutant runs all of its runs: 100,000 runs for every
// surviving mutant made one package's run take hours. Here each property runs at most
// BATON_MUTATE_MAX_RUNS times (default 2,000). The table-driven tests do most of the killing; a
// mutant that only a longer property run would catch shows up as a survivor, and is then killed by a
// table case or explained in the package's MUTATION.md.
// The real module is loaded by its path, so the mapping (of the bare name only) does not apply to it.
const real = require(
  require('node:path').join(__dirname, '../../node_modules/fast-check/lib/cjs/fast-check.js'),
);

const cap = Number(process.env.BATON_MUTATE_MAX_RUNS ?? 2000);
const capped = (fn) =>
  function cappedRun(property, params) {
    const runs = params?.numRuns ?? real.readConfigureGlobal().numRuns ?? 100;
    // endOnFailure: a mutant is killed by the first counterexample; shrinking it only costs time
    // (and can push a caught mutant past the timeout), and tells Stryker nothing more.
    return fn.call(this, property, { ...params, numRuns: Math.min(runs, cap), endOnFailure: true });
  };

const api = { ...real, assert: capped(real.assert), check: capped(real.check) };
module.exports = { ...api, __esModule: true, default: api };
