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
