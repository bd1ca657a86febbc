// Jest setup for `npm run mutate` (jest.config.ts adds it when BATON_MUTATE_TEST_INDEX is set).
//
// A property that fails under a mutant is a killed mutant: Stryker needs the failure, not the
// smallest counterexample. fast-check shrinks a failure before reporting it, which with the
// 100,000-run properties took longer than the mutant's timeout (reported "timed out" after 30 s and
// more, instead of failing in a second). endOnFailure stops at the first failure.
// (The run-count cap is in fast-check.cjs, which the tests' `import fc from 'fast-check'` loads.)
const fc = require('fast-check');

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
