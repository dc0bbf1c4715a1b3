import { escapeLabelValue, formatValue, renderExposition } from './exposition.ts';
import type { Family } from './sim.ts';

const families: Family[] = [
  {
    name: 'http_requests_total',
    type: 'counter',
    help: 'HTTP requests.',
    samples: [
      {
        service: 'a',
        sample: {
          name: 'http_requests_total',
          labels: [
            ['route', '/x'],
            ['code', '200'],
          ],
          value: 3,
        },
      },
      {
        service: 'b',
        sample: {
          name: 'http_requests_total',
          labels: [
            ['route', '/y'],
            ['code', '500'],
          ],
          value: 1,
        },
      },
    ],
  },
  {
    name: 'queue',
    type: 'gauge',
    help: 'Queue.',
    samples: [{ service: 'b', sample: { name: 'queue', labels: [], value: 1.5 } }],
  },
];

describe('renderExposition', () => {
  it('writes HELP, TYPE and one line per sample', () => {
    expect(renderExposition(families)).toBe(
      [
        '# HELP http_requests_total HTTP requests.',
        '# TYPE http_requests_total counter',
        'http_requests_total{route="/x",code="200"} 3',
        'http_requests_total{route="/y",code="500"} 1',
        '# HELP queue Queue.',
        '# TYPE queue gauge',
        'queue 1.5',
        '',
      ].join('\n')
    );
  });

  it('keeps one service and drops families it has no sample in', () => {
    expect(renderExposition(families, 'a')).toBe(
      [
        '# HELP http_requests_total HTTP requests.',
        '# TYPE http_requests_total counter',
        'http_requests_total{route="/x",code="200"} 3',
        '',
      ].join('\n')
    );
    expect(renderExposition(families, 'none')).toBe('');
  });

  it('escapes label values and spells special values as Prometheus does', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(formatValue(Infinity)).toBe('+Inf');
    expect(formatValue(-Infinity)).toBe('-Inf');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(0.25)).toBe('0.25');
  });
});
