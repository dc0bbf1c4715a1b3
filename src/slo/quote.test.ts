import { printableLine, quote, quoteIfUnusual, quoteValue, truncate } from './quote';

describe('quote', () => {
  it('quotes as JSON does for ordinary text', () => {
    expect(quote('checkout-availability')).toBe('"checkout-availability"');
    expect(quote('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('escapes newlines, NUL and the controls JSON leaves raw', () => {
    expect(quote('a\nb\u0000c\u001b[31m')).toBe('"a\\nb\\u0000c\\u001b[31m"');
    expect(quote('x\u009by\u2028z\u202eq\u007f')).toBe('"x\\u009by\\u2028z\\u202eq\\u007f"');
  });

  it('cuts long text at 80 characters with an ellipsis, never inside a surrogate pair', () => {
    expect(quote('n'.repeat(10_000))).toBe(`"${'n'.repeat(80)}…"`);
    expect(truncate(`${'a'.repeat(79)}😀`, 80)).toBe(`${'a'.repeat(79)}…`);
    expect(truncate('short', 80)).toBe('short');
  });
});

describe('quoteIfUnusual', () => {
  it('leaves a short printable text bare', () => {
    expect(quoteIfUnusual('examples/checkout.yaml')).toBe('examples/checkout.yaml');
  });

  it('quotes what is empty, long or holds control characters', () => {
    expect(quoteIfUnusual('')).toBe('""');
    expect(quoteIfUnusual('a\nb')).toBe('"a\\nb"');
    expect(quoteIfUnusual('x'.repeat(200), 128)).toBe(`"${'x'.repeat(128)}…"`);
  });
});

describe('quoteValue', () => {
  it('quotes strings and writes other values as JSON, cut', () => {
    expect(quoteValue('99%')).toBe('"99%"');
    expect(quoteValue(99.5)).toBe('99.5');
    expect(quoteValue(null)).toBe('null');
    expect(quoteValue(undefined)).toBe('undefined');
    expect(quoteValue({ a: 'b'.repeat(100) })).toBe(`{"a":"${'b'.repeat(74)}…`);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(quoteValue(cycle)).toBe('[object Object]');
  });
});

describe('printableLine', () => {
  it('leaves an ordinary line as it is', () => {
    expect(printableLine('a.yaml: spec.service: must name the service', 1000)).toBe(
      'a.yaml: spec.service: must name the service'
    );
  });

  it('escapes control characters and cuts a long line, saying by how much', () => {
    expect(printableLine('a\nb\u0000', 100)).toBe('a\\nb\\u0000');
    expect(printableLine('y'.repeat(30), 10)).toBe(`${'y'.repeat(10)}… (20 more characters)`);
  });
});
