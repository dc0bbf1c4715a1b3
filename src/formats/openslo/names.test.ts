import { dnsLabelProblem, openSloName } from './names';

describe('openSloName', () => {
  it('keeps a name that is a DNS label', () => {
    expect(openSloName('checkout-availability')).toBe('checkout-availability');
    expect(openSloName('a')).toBe('a');
  });

  it('makes a DNS label of any other text, the text hashed so that near names stay apart', () => {
    const names = ['Checkout API', 'checkout.api', 'checkout_api', 'CHECKOUT-API', 'checkout api'].map(openSloName);
    for (const name of names) {
      expect(dnsLabelProblem(name)).toBeUndefined();
      expect(name).toMatch(/^checkout-api-[0-9a-f]{8}$/);
    }
    expect(new Set(names).size).toBe(names.length);
    expect(openSloName('Checkout API')).toBe(openSloName('Checkout API'));
  });

  it('gives a DNS label for text without letters or digits, and for long text', () => {
    expect(openSloName('😀 {{ }}')).toMatch(/^[0-9a-f]{8}$/);
    expect(openSloName('-x-')).toMatch(/^x-[0-9a-f]{8}$/);
    const long = openSloName(`${'a'.repeat(60)}.b`);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(dnsLabelProblem(long)).toBeUndefined();
    expect(dnsLabelProblem(openSloName('a'.repeat(64)))).toBeUndefined();
  });
});
