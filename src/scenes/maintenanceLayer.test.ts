import { DataTopic } from '@grafana/data';
import { makeMaintenanceWindow } from '../testing/fixtures';
import { MAINTENANCE_COLOR } from '../slo/maintenance';
import { maintenanceAnnotationFrame } from './maintenanceLayer';

const HOUR = 3600;
const START = Date.UTC(2026, 11, 6, 2) / 1000;
const weekly = makeMaintenanceWindow('2026-12-06T02:00:00Z', '2026-12-06T04:00:00Z', {
  repeat: 'weekly',
  reason: 'Patching',
});

describe('maintenanceAnnotationFrame', () => {
  it('is a frame of region annotations, one per occurrence in the range', () => {
    const frame = maintenanceAnnotationFrame([weekly], START + HOUR, START + 8 * 86400);
    expect(frame.meta?.dataTopic).toBe(DataTopic.Annotations);
    const values = Object.fromEntries(frame.fields.map((f) => [f.name, f.values]));
    expect(values.time).toEqual([START * 1000, (START + 7 * 86400) * 1000]);
    expect(values.timeEnd).toEqual([(START + 2 * HOUR) * 1000, (START + 7 * 86400 + 2 * HOUR) * 1000]);
    expect(values.isRegion).toEqual([true, true]);
    expect(values.color).toEqual([MAINTENANCE_COLOR, MAINTENANCE_COLOR]);
    expect(values.text[0]).toBe('Patching (2026-12-06 02:00 to 04:00 UTC): its events do not count');
  });

  it('is empty outside the windows', () => {
    expect(maintenanceAnnotationFrame([weekly], START - 86400, START).length).toBe(0);
  });
});
