import { afterPaint } from './afterPaint';

describe('afterPaint', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves in the task after the next frame', async () => {
    const frames: FrameRequestCallback[] = [];
    jest.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
    let done = false;
    const waiting = afterPaint().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    frames.forEach((frame) => frame(0));
    jest.advanceTimersByTime(0);
    await waiting;
    expect(done).toBe(true);
  });

  it('goes on after 100 ms when no frame comes (a hidden tab)', async () => {
    jest.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    let done = false;
    const waiting = afterPaint().then(() => (done = true));
    jest.advanceTimersByTime(99);
    await Promise.resolve();
    expect(done).toBe(false);
    jest.advanceTimersByTime(1);
    await waiting;
    expect(done).toBe(true);
  });
});
