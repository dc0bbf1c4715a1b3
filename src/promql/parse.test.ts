import {
  findPromqlSyntaxError,
  parseVectorSelector,
  promqlType,
  PromqlStringError,
  unquotePromqlString,
  SelectorParseError,
  withoutComments,
} from './parse';
import { formatSelector, quotePromqlString } from './format';

describe('parseVectorSelector', () => {
  it('answers a selector read before with a copy of its own, and refuses a bad one every time', () => {
    const text = 'http_requests_total{job="api", code=~"5.."}';
    const first = parseVectorSelector(text);
    first.matchers[0].value = 'changed';
    first.matchers.push({ name: 'extra', op: '=', value: 'x' });
    expect(parseVectorSelector(text)).toEqual({
      metric: 'http_requests_total',
      matchers: [
        { name: 'job', op: '=', value: 'api' },
        { name: 'code', op: '=~', value: '5..' },
      ],
    });
    for (let i = 0; i < 2; i++) {
      expect(() => parseVectorSelector('sum(up)')).toThrow(SelectorParseError);
    }
  });

  it.each([
    {
      name: 'metric with matchers',
      text: 'http_requests_total{job="api", code=~"5..", route!="/health"}',
      want: {
        metric: 'http_requests_total',
        matchers: [
          { name: 'job', op: '=', value: 'api' },
          { name: 'code', op: '=~', value: '5..' },
          { name: 'route', op: '!=', value: '/health' },
        ],
      },
    },
    { name: 'bare metric', text: 'up', want: { metric: 'up', matchers: [] } },
    {
      name: '__name__ matcher',
      text: '{__name__="up", job!~"a|b"}',
      want: { metric: 'up', matchers: [{ name: 'job', op: '!~', value: 'a|b' }] },
    },
    {
      name: 'escaped quotes and backslashes',
      text: 'm{path="/a\\"b", re=~"5\\\\d\\\\d"}',
      want: {
        metric: 'm',
        matchers: [
          { name: 'path', op: '=', value: '/a"b' },
          { name: 're', op: '=~', value: '5\\d\\d' },
        ],
      },
    },
    {
      name: 'with an offset',
      text: 'm{a="b"} offset 1m',
      want: { metric: 'm', matchers: [{ name: 'a', op: '=', value: 'b' }], offset: '1m' },
    },
    {
      name: 'UTF-8 metric name',
      text: '{"http.requests", a="b"}',
      want: { metric: 'http.requests', matchers: [{ name: 'a', op: '=', value: 'b' }] },
    },
  ])('$name', ({ text, want }) => {
    expect(parseVectorSelector(text)).toEqual(want);
  });

  it.each([
    {
      name: 'an aggregation',
      text: 'sum(rate(x[5m]))',
      message: 'expected a series selector such as metric_name{label="value"}, got an aggregation',
    },
    {
      name: 'a range selector',
      text: 'x[5m]',
      message: 'expected a series selector such as metric_name{label="value"}, got a range selector',
    },
    { name: 'no metric', text: '{job="a"}', message: 'the selector names no metric' },
    {
      name: 'unclosed brace',
      text: 'x{job="a"',
      message: 'syntax error at character 10: the expression ends too early',
    },
  ])('refuses $name', ({ text, message }) => {
    expect(() => parseVectorSelector(text)).toThrow(message);
  });
});

describe('findPromqlSyntaxError', () => {
  it.each([
    'sum by (route) (rate(http_requests_total[5m]))',
    'time() - max(pipeline_last_success_timestamp_seconds)',
    'histogram_fraction(0, 0.5, sum(rate(h[5m])))',
  ])('accepts %s', (expr) => {
    expect(findPromqlSyntaxError(expr)).toBeUndefined();
  });

  it.each([
    {
      expr: 'sum(rate(x[5m])',
      want: { message: 'syntax error at character 16: the expression ends too early', from: 15, to: 15 },
    },
    {
      expr: 'rate(x[5m]) +',
      want: { message: 'syntax error at character 14: the expression ends too early', from: 13, to: 13 },
    },
    { expr: '', want: { message: 'the expression is empty', from: 0, to: 0 } },
    {
      expr: 'sum(rate(x{job="a\\qb"}[5m]))',
      want: { message: 'string "a\\qb" at character 16: unknown escape sequence \\q', from: 15, to: 21 },
    },
    {
      expr: 'up > 1e+400',
      want: {
        message: 'the number 1e+400 at character 6 is beyond the largest Prometheus reads (about 1.8e308)',
        from: 5,
        to: 11,
      },
    },
    {
      expr: 'sum_over_time(up[99999999999d])',
      want: {
        message: 'the duration 99999999999d at character 18 is longer than Prometheus reads (about 292y)',
        from: 17,
        to: 29,
      },
    },
  ])('reports $expr', ({ expr, want }) => {
    expect(findPromqlSyntaxError(expr)).toEqual(want);
  });

  it('accepts what Prometheus reads at the edges', () => {
    expect(findPromqlSyntaxError('up > 1e-400')).toBeUndefined();
    expect(findPromqlSyntaxError('up > 1.7976931348623157e308')).toBeUndefined();
    expect(findPromqlSyntaxError('sum_over_time(up[106751d])')).toBeUndefined();
    expect(findPromqlSyntaxError('up > Inf')).toBeUndefined();
  });

  it('reports an expression of another type than asked for', () => {
    const type = 'instant vector';
    expect(findPromqlSyntaxError('rate(x[5m])', { type })).toBeUndefined();
    expect(findPromqlSyntaxError('x[5m]', { type })?.message).toBe(
      'gives a range vector: it must give an instant vector'
    );
    expect(findPromqlSyntaxError('"a"', { type })?.message).toBe('gives a string: it must give an instant vector');
    expect(findPromqlSyntaxError('1 + time()', { type })?.message).toBe(
      'gives a scalar: it must give an instant vector'
    );
  });
});

describe('promqlType', () => {
  it.each([
    ['1', 'scalar'],
    ['time() - 5', 'scalar'],
    ['scalar(up)', 'scalar'],
    ['-(pi())', 'scalar'],
    ['"text"', 'string'],
    ['up', 'instant vector'],
    ['vector(1)', 'instant vector'],
    ['sum(rate(x[5m])) / 2', 'instant vector'],
    ['time() - max(ts)', 'instant vector'],
    ['up offset 5m', 'instant vector'],
    ['up @ 100', 'instant vector'],
    ['# a comment\nup', 'instant vector'],
    ['up[5m]', 'range vector'],
    ['(up[5m] offset 1m)', 'range vector'],
    ['rate(x[5m])[30m:1m]', 'range vector'],
    ['up + up[5m]', 'range vector'],
  ])('%s is a %s', (expr, type) => {
    expect(promqlType(expr)).toBe(type);
  });
});

describe('withoutComments', () => {
  it('leaves out comments, keeping the line breaks and any # in strings', () => {
    expect(withoutComments('up # a comment')).toBe('up ');
    expect(withoutComments('sum(x) # )\n+ 1')).toBe('sum(x) \n+ 1');
    expect(withoutComments('up{path="#top"}')).toBe('up{path="#top"}');
  });
});

describe('quoting', () => {
  it.each([
    ['plain', 'abc', '"abc"'],
    ['double quote', 'a"b', '"a\\"b"'],
    ['backslash', 'a\\b', '"a\\\\b"'],
    ['newline', 'a\nb', '"a\\nb"'],
  ])('%s', (_name, value, quoted) => {
    expect(quotePromqlString(value)).toBe(quoted);
    expect(unquotePromqlString(quoted)).toBe(value);
  });

  it.each([
    ['hex escapes are bytes of UTF-8', '"caf\\xc3\\xa9"', 'café'],
    ['octal escapes are bytes of UTF-8', '"caf\\303\\251"', 'café'],
    ['bytes and characters mixed', '"\\x41\\u00e9\\U0001F600\\101"', 'Aé😀A'],
    ['simple escapes', '"\\a\\b\\f\\n\\r\\t\\v\\\\\\""', '\x07\b\f\n\r\t\v\\"'],
    ['a single quote in a single-quoted string', "'it\\'s'", "it's"],
    ['a raw string keeps its backslashes', '`a\\qb`', 'a\\qb'],
  ])('reads %s as Prometheus does', (_name, literal, value) => {
    expect(unquotePromqlString(literal)).toBe(value);
  });

  it.each([
    ['an unknown escape', '"\\q"', 'unknown escape sequence \\q'],
    ['an escaped single quote in a double-quoted string', '"\\\'"', "unknown escape sequence \\'"],
    ['an escaped double quote in a single-quoted string', "'\\\"'", 'unknown escape sequence \\"'],
    ['a short hex escape', '"\\x4"', 'the escape \\x4 is not complete'],
    ['an octal escape above a byte', '"\\400"', 'the escape \\400 is larger than a byte'],
    ['a surrogate', '"\\ud800"', 'the escape \\ud800 is not a Unicode code point'],
    ['bytes that are not UTF-8', '"\\xff"', 'its \\x or octal escapes give bytes that are not UTF-8 text'],
    ['half a character', '"\\xc3"', 'its \\x or octal escapes give bytes that are not UTF-8 text'],
  ])('refuses %s', (_name, literal, message) => {
    expect(() => unquotePromqlString(literal)).toThrow(new PromqlStringError(message));
  });

  it('writes back what it reads, byte for byte in meaning', () => {
    const value = unquotePromqlString('"caf\\xc3\\xa9\\x01\\x7f\\a\\v"');
    expect(quotePromqlString(value)).toBe('"café\\x01\\x7f\\a\\v"');
    expect(unquotePromqlString(quotePromqlString(value))).toBe(value);
    expect(formatSelector(parseVectorSelector('m{job="caf\\xc3\\xa9",x=\'\\101\'}'))).toBe('m{job="café",x="A"}');
  });

  it('prints a selector canonically and reads it back', () => {
    const text = 'http_requests_total{job="a\\"b",code=~"5.."}';
    expect(formatSelector(parseVectorSelector(text))).toBe(text);
    expect(formatSelector(parseVectorSelector('{"a.b",x="1"}'))).toBe('{"a.b",x="1"}');
  });
});
