/** The query that tests a datasource: any Prometheus-compatible one answers it with a single 1. */
export const CONNECTION_TEST_EXPR = 'vector(1)';
