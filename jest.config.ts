import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from 'jest';

/**
 * One Jest project per package (packages/<dir>/test), plus the repository-level suites in test/
 * (packaging). Tests import sibling packages by name; the mapper points those names at the sources,
 * so `npm test` needs no build — except the packaging suite, which builds and packs for real.
 */
const moduleNameMapper = {
  '^@baton/propagator-env/register$': '<rootDir>/../propagator-env/src/register.ts',
  '^@baton/([^/]+)$': '<rootDir>/../$1/src',
};

const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.json' }],
};

const packagesDir = join(__dirname, 'packages');
const packageProjects: Config['projects'] = readdirSync(packagesDir)
  .filter((dir) => existsSync(join(packagesDir, dir, 'test')))
  .map((dir) => ({
    displayName: dir,
    rootDir: join(packagesDir, dir),
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    moduleNameMapper,
    transform,
  }));

// Runnable examples (the demo) carry their own end-to-end tests, in plain JavaScript so the same
// files also run against the SDK 3.x install (scripts/sdk3).
const examplesDir = join(__dirname, 'examples');
const exampleProjects: Config['projects'] = readdirSync(examplesDir)
  .filter((dir) => existsSync(join(examplesDir, dir, 'test')))
  .map((dir) => ({
    displayName: `example:${dir}`,
    rootDir: join(examplesDir, dir),
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.js'],
  }));

// `npm run mutate` (StrykerJS) sets BATON_JEST_PACKAGE: then this file is one package's project,
// flat, so Stryker runs only the tests that can kill that package's mutants.
const only = process.env.BATON_JEST_PACKAGE;
const onlyProject = packageProjects.find((p) => typeof p === 'object' && p.displayName === only);
if (only && !onlyProject) throw new Error(`BATON_JEST_PACKAGE=${only}: no packages/${only}/test`);

// `npm run mutate` also sets BATON_MUTATE_TEST_INDEX: its runner skips the test files that hold none
// of the tests Stryker asks for (scripts/mutate/jest-runner.cjs), and fast-check stops at the first
// failure instead of shrinking it (scripts/mutate/jest-setup.cjs).
// Tests' `import fc from 'fast-check'` is mapped to scripts/mutate/fast-check.cjs, which caps the
// number of runs of each property (see that file).
const mutateRunner = process.env.BATON_MUTATE_TEST_INDEX
  ? {
      runner: join(__dirname, 'scripts/mutate/jest-runner.cjs'),
      setupFilesAfterEnv: [join(__dirname, 'scripts/mutate/jest-setup.cjs')],
      moduleNameMapper: {
        ...moduleNameMapper,
        '^fast-check$': join(__dirname, 'scripts/mutate/fast-check.cjs'),
      },
    }
  : {};

// `npm run mutate -- --tests a.test.ts,b.test.ts` sets BATON_MUTATE_TESTS: only those files of the
// package's test/ run (globs allowed).
const onlyTests = process.env.BATON_MUTATE_TESTS;
const testMatch = onlyTests
  ? { testMatch: onlyTests.split(',').map((t) => `<rootDir>/test/${t.trim()}`) }
  : {};

const config: Config = onlyProject
  ? { ...(onlyProject as Config), ...mutateRunner, ...testMatch }
  : {
      projects: [
        ...packageProjects,
        ...exampleProjects,
        {
          displayName: 'packaging',
          rootDir: join(__dirname, 'test'),
          testEnvironment: 'node',
          testMatch: ['<rootDir>/**/*.test.ts'],
          transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: join(__dirname, 'tsconfig.json') }] },
        },
      ],
    };

export default config;
