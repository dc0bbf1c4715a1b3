/**
 * Grafana's Combobox measures its options' text on a canvas, which jsdom does not draw: a context whose
 * measureText gives 7 pixels a character. Call it in a test's beforeEach or beforeAll.
 */
export function fakeCanvasText(): void {
  jest
    .spyOn(HTMLCanvasElement.prototype, 'getContext')
    .mockImplementation(() => ({ measureText: (text: string) => ({ width: text.length * 7 }) }) as never);
}
