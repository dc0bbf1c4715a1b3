import { recordedSinceWords } from './SloDetailView';

describe('recordedSinceWords', () => {
  it('says since when young rules record, to the minute, and nothing for rules that cover the window', () => {
    expect(recordedSinceWords(1767226834.5)).toBe(
      ', recording since 2026-01-01 00:20 UTC: less than the window, so the window stats count only that span' +
        ' (the SLO list and the overview show the whole window, from raw data before it)'
    );
    expect(recordedSinceWords(undefined)).toBe('');
  });
});
