// Jest setup provided by Grafana scaffolding, for the tests that run in jsdom (the default). A test of
// server code that needs Node's own fetch says `@jest-environment node` and skips the browser shims.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
}

// Scenes components observe their size and visibility; jsdom has neither observer.
class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
Object.assign(global, { IntersectionObserver: NoopObserver, ResizeObserver: NoopObserver });

// Grafana's datasource service lists no datasource unless a test mocks it: the datasource pickers of the
// forms render without one.
if (typeof window !== 'undefined') {
  require('@grafana/runtime').setDataSourceSrv({
    getList: () => [],
    getInstanceSettings: () => undefined,
    get: () => Promise.reject(new Error('no datasource in tests')),
    reload: () => Promise.resolve(),
    registerRuntimeDataSource: () => {},
  });
}

// A listing of the SLO store is shared while under way (src/api/sharedListing.ts): none is left to the next test.
if (typeof window !== 'undefined') {
  afterEach(() => require('./src/api/sharedListing').forgetListings());
}
