/**
 * The names of the SLOs of the given files that are in a maintenance window now, give or take MARGIN_SECONDS,
 * one per line. Their rules leave out the 5m rates while a window lasts (and for the 5 minutes after it,
 * which the rates still reach), so the demo's live check does not wait for those rates then: a demo SLO
 * with a weekly window would otherwise fail the check for an hour and a half each week.
 *
 *   npx tsx scripts/slos-in-maintenance.ts examples/*.yaml
 */
import { readFileSync } from 'node:fs';
import { loadSloFiles } from '../src/formats/load';
import { occurrencesBetween } from '../src/slo/maintenance';

/** A check takes a few minutes; the rates' 5 minutes after a window count in too. */
const MARGIN_SECONDS = 15 * 60;

const files = process.argv.slice(2).map((name) => ({ name, text: readFileSync(name, 'utf8') }));
const now = Math.floor(Date.now() / 1000);
for (const { slo } of loadSloFiles(files).slos) {
  const windows = slo.maintenance ?? [];
  if (windows.length > 0 && occurrencesBetween(windows, now - MARGIN_SECONDS, now + MARGIN_SECONDS).length > 0) {
    console.log(slo.name);
  }
}
