import {
  alertsEnabled,
  compareReviewDue,
  effectiveSeverity,
  markReviewed,
  needsReview,
  reviewDue,
  reviewIntervalSeconds,
} from './lifecycle';
import { dateStartSeconds } from './phases';
import { makeSlo } from '../testing/fixtures';

const at = (date: string, hours = 0) => (dateStartSeconds(date) as number) + hours * 3600;

describe('status', () => {
  it('pages as written while active (the default), never as a draft', () => {
    expect(effectiveSeverity(makeSlo(), 'page')).toBe('page');
    expect(effectiveSeverity(makeSlo({ status: 'active' }), 'page')).toBe('page');
    expect(effectiveSeverity(makeSlo({ status: 'draft' }), 'page')).toBe('ticket');
    expect(effectiveSeverity(makeSlo({ status: 'draft' }), 'ticket')).toBe('ticket');
  });

  it('has alerts unless alerting is off or the SLO is retired', () => {
    const slo = makeSlo();
    expect(alertsEnabled(slo)).toBe(true);
    expect(alertsEnabled({ ...slo, status: 'draft' })).toBe(true);
    expect(alertsEnabled({ ...slo, status: 'retired' })).toBe(false);
    expect(alertsEnabled({ ...slo, alerting: { ...slo.alerting, enabled: false } })).toBe(false);
  });
});

describe('reviewDue', () => {
  const reviewed = (date: string, interval?: string) =>
    makeSlo({ review: { ...(interval && { interval }), last: { date, by: 'dana' } } });

  it('is quarterly by default', () => {
    expect(reviewIntervalSeconds(makeSlo())).toBe(90 * 86400);
    expect(reviewIntervalSeconds(reviewed('2026-01-01', '4w'))).toBe(28 * 86400);
  });

  it('is scheduled until two weeks before the interval has passed since the last review', () => {
    // 2026-09-01 + 90d = 2026-11-30.
    expect(reviewDue(reviewed('2026-09-01'), at('2026-11-15', 23))).toEqual({
      state: 'scheduled',
      dueDate: '2026-11-30',
      dueSeconds: at('2026-11-30'),
      daysLeft: 14,
      since: 'review',
      text: 'next review 2026-11-30',
    });
    expect(reviewDue(reviewed('2026-09-01'), at('2026-11-16')).state).toBe('due');
    expect(reviewDue(reviewed('2026-09-01'), at('2026-11-16')).text).toBe('review due in 14 days (2026-11-30)');
    expect(reviewDue(reviewed('2026-09-01'), at('2026-11-29', 12)).text).toBe('review due in 1 day (2026-11-30)');
  });

  it('is overdue from the due date on, by whole days', () => {
    expect(reviewDue(reviewed('2026-09-01'), at('2026-11-30')).text).toBe(
      'review overdue since today (due 2026-11-30)'
    );
    const late = reviewDue(reviewed('2026-09-01'), at('2026-12-12', 6));
    expect(late.state).toBe('overdue');
    expect(late.daysLeft).toBe(-13);
    expect(late.text).toBe('review overdue by 12 days (due 2026-11-30)');
  });

  it('leads by a quarter of a short interval rather than two weeks', () => {
    // 4w: due 2026-01-29, listed from 7 days before.
    expect(reviewDue(reviewed('2026-01-01', '4w'), at('2026-01-21', 23)).state).toBe('scheduled');
    expect(reviewDue(reviewed('2026-01-01', '4w'), at('2026-01-22')).state).toBe('due');
  });

  it('counts from the creation when never reviewed, and says never reviewed without one', () => {
    const due = reviewDue(makeSlo(), at('2026-12-04'), at('2026-08-01'));
    expect(due).toMatchObject({ state: 'overdue', since: 'creation', dueDate: '2026-10-30' });
    expect(due.text).toBe('review overdue by 35 days (due 2026-10-30, never reviewed)');
    expect(reviewDue(makeSlo(), at('2026-12-04'))).toEqual({ state: 'never', text: 'never reviewed' });
  });

  it('lists due, overdue and never-reviewed SLOs, never a retired one, overdue first', () => {
    const now = at('2026-12-04');
    const overdue = reviewDue(reviewed('2026-06-01'), now);
    const due = reviewDue(reviewed('2026-09-10'), now);
    const never = reviewDue(makeSlo(), now);
    const scheduled = reviewDue(reviewed('2026-11-01'), now);
    expect(needsReview(makeSlo(), overdue)).toBe(true);
    expect(needsReview(makeSlo(), never)).toBe(true);
    expect(needsReview(makeSlo(), scheduled)).toBe(false);
    expect(needsReview(makeSlo({ status: 'retired' }), overdue)).toBe(false);
    expect([due, scheduled, never, overdue].sort(compareReviewDue)).toEqual([overdue, never, due, scheduled]);
  });
});

describe('markReviewed', () => {
  it('records the date, who and the note, keeping the interval', () => {
    const slo = makeSlo({ review: { interval: '30d', last: { date: '2026-01-01', by: 'old' } } });
    expect(markReviewed(slo, 'dana', at('2026-12-04', 15), '  Target holds. ').review).toEqual({
      interval: '30d',
      last: { date: '2026-12-04', by: 'dana', note: 'Target holds.' },
    });
    expect(markReviewed(makeSlo(), 'dana', at('2026-12-04'), '').review).toEqual({
      last: { date: '2026-12-04', by: 'dana' },
    });
  });
});
