import { makeMaintenanceWindow, makeSlo } from '../../testing/fixtures';
import {
  checkScheduleForm,
  formWindow,
  maintenanceRows,
  maintenanceSilence,
  withoutWindow,
  withWindow,
  type ScheduleForm,
} from './maintenanceRows';

const HOUR = 3600;
const START = Date.UTC(2026, 11, 6, 2) / 1000; // Sunday 2026-12-06 02:00 UTC

const weekly = makeMaintenanceWindow('2026-12-06T02:00:00Z', '2026-12-06T04:00:00Z', {
  repeat: 'weekly',
  reason: 'Patching',
});
const once = makeMaintenanceWindow('2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z', { reason: 'Failover drill' });

const form = (change: Partial<ScheduleForm> = {}): ScheduleForm => ({
  sloUids: ['checkout-availability'],
  start: '2026-12-08T22:00',
  end: '2026-12-09T01:00',
  weekly: false,
  reason: 'Gateway migration',
  silence: false,
  alertmanagerUid: 'grafana',
  ...change,
});

describe('maintenanceRows', () => {
  it('lists each window once with its SLOs: in progress, then upcoming, then ended', () => {
    const a = makeSlo({ name: 'a', uid: 'a', maintenance: [weekly, once] });
    const b = makeSlo({ name: 'b', uid: 'b', maintenance: [weekly] });
    const rows = maintenanceRows([a, b], START + 7 * 86400 + HOUR);
    expect(rows.map((r) => [r.state, r.span, r.window.reason, r.slos.map((s) => s.uid)])).toEqual([
      ['now', '2026-12-13 02:00 to 04:00 UTC', 'Patching', ['a', 'b']],
      ['ended', '2026-12-01 10:00 to 11:00 UTC', 'Failover drill', ['a']],
    ]);
    expect(maintenanceRows([a], START + 3 * HOUR)[0]).toMatchObject({
      state: 'upcoming',
      span: '2026-12-13 02:00 to 04:00 UTC',
    });
  });
});

describe('maintenanceSilence', () => {
  it("silences the SLOs' alerts over the occurrence in force or next, until 5 minutes after it", () => {
    const silence = maintenanceSilence(weekly, ['checkout.avail', 'api'], START + 7 * 86400 + HOUR, 'admin');
    expect(silence).toEqual({
      matchers: [{ name: 'slo_uid', value: 'checkout\\.avail|api', isRegex: true, isEqual: true }],
      startsAt: '2026-12-13T03:00:00.000Z',
      endsAt: '2026-12-13T04:05:00.000Z',
      createdBy: 'admin',
      comment: 'Maintenance (Burnrate): Patching',
    });
    expect(maintenanceSilence(weekly, ['a'], START - HOUR, 'admin')?.startsAt).toBe('2026-12-06T02:00:00.000Z');
    expect(maintenanceSilence(once, ['a'], START, 'admin')).toBeUndefined();
  });
});

describe('scheduling', () => {
  it('reads the form as UTC on whole minutes', () => {
    expect(formWindow(form({ weekly: true }))).toEqual({
      start: '2026-12-08T22:00:00Z',
      end: '2026-12-09T01:00:00Z',
      repeat: 'weekly',
      reason: 'Gateway migration',
    });
  });

  it('adds the window to an SLO, in start order with its own', () => {
    const slo = makeSlo({ maintenance: [weekly] });
    const { slo: scheduled, problems } = withWindow(slo, form());
    expect(problems).toEqual([]);
    expect(scheduled?.maintenance?.map((w) => w.reason)).toEqual(['Patching', 'Gateway migration']);
  });

  it("refuses a window that clashes with one of the SLO's own, naming both", () => {
    const slo = makeSlo({ maintenance: [weekly] });
    const clash = withWindow(slo, form({ start: '2026-12-13T03:00', end: '2026-12-13T05:00' }));
    expect(clash.slo).toBeUndefined();
    expect(clash.problems).toEqual([
      {
        field: 'start',
        message: 'overlaps the window "Patching" (2026-12-06T02:00:00Z): merge the two into one window',
      },
    ]);
  });

  it('names the field of each problem of the form', () => {
    expect(checkScheduleForm(form({ sloUids: [], end: '2026-12-08T21:00', reason: ' ' }))).toEqual([
      { field: 'sloUids', message: 'choose at least one SLO' },
      { field: 'reason', message: 'must say why: it is shown on the dashboards and in reports' },
      { field: 'end', message: 'must be after the start (2026-12-08T22:00:00Z)' },
    ]);
  });

  it('removes a window by its key and drops the field with the last one', () => {
    const slo = makeSlo({ maintenance: [weekly] });
    const rows = maintenanceRows([slo], START);
    expect(withoutWindow(slo, rows[0].key).maintenance).toBeUndefined();
  });
});
