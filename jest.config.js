// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const [[, swcTransform]] = Object.entries(base.transform);

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  // d3 and others ship .mjs: transform them too.
  transform: { '^.+\\.m?(t|j)sx?$': swcTransform },
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // Under jsdom `yaml` resolves to its browser ESM build; use the CommonJS one.
    '^yaml$': '<rootDir>/node_modules/yaml/dist/index.js',
  },
  // The demo's traffic generator and the preview server have their tests beside them.
  testMatch: [...base.testMatch, '<rootDir>/demo/**/*.test.ts', '<rootDir>/preview/server/**/*.test.ts', '<rootDir>/preview/history/**/*.test.ts'],
  // tests/e2e holds Playwright specs, run by `npx playwright test` against a running Grafana.
  testPathIgnorePatterns: ['/node_modules/', '/scratch/', '/tests/e2e/'],
};
