/** What the demo stack provisions (provisioning/, scripts/provision-slos.ts). */
export const PLUGIN_ID = 'burnrate-slo-app';

/** The example SLOs preloaded as dashboards: name, uid and the title the list shows. */
export const DEMO_SLOS = [
  { name: 'checkout-availability', uid: 'checkout-avail-01', title: 'Checkout availability' },
  { name: 'api-latency', uid: 'api-latency', title: 'api-latency' },
  { name: 'orders-pipeline-freshness', uid: 'orders-pipeline-freshness', title: 'orders-pipeline-freshness' },
  { name: 'search-availability', uid: 'search-availability', title: 'Search availability' },
];
