import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Button, Stack, Text, TextArea, TextLink, useStyles2 } from '@grafana/ui';
import { getSlo, listSlos, saveSlo, type SloEntry, type StoredSlo } from '../../api/sloStore';
import { SloConflictError } from '../../api/errors';
import { sloToDashboard } from '../../storage/sloDashboard';
import { markReviewed, reviewIntervalText, sloStatus, STATUS_TITLES, type ReviewState } from '../../slo/lifecycle';
import { useLoader } from '../../utils/useLoader';
import { currentUserLogin } from '../../utils/currentUser';
import { sloUrl } from '../../utils/utils.routing';
import { dataTableCss } from '../tableStyles';
import { testIds } from '../testIds';
import { reviewRows, type ReviewRow } from './reviewRows';

interface LoadProps {
  /** The folder of the SLOs ('' for every folder the user can read). */
  folderUid: string;
  /** Shows a line when no review is due; without it the section is left out. */
  showEmpty?: boolean;
}

interface Props extends LoadProps {
  /** The SLOs as the page loaded them; undefined while they load. */
  entries: readonly SloEntry[] | undefined;
}

/** ReviewsDue for a page that does not load the SLOs itself. */
export function LoadedReviewsDue({ folderUid, showEmpty }: LoadProps) {
  const { data, error } = useLoader((signal) => listSlos(folderUid, signal), [folderUid]);
  if (error) {
    return (
      <Alert severity="warning" title="Could not read the reviews due" data-testid={testIds.reviewsDue.error}>
        {error}
      </Alert>
    );
  }
  return <ReviewsDue folderUid={folderUid} entries={data} showEmpty={showEmpty} />;
}

const STATE_BADGES: Record<ReviewState, { text: string; color: 'red' | 'orange' | 'darkgrey' | 'green' }> = {
  overdue: { text: 'overdue', color: 'red' },
  due: { text: 'due', color: 'orange' },
  never: { text: 'never reviewed', color: 'darkgrey' },
  scheduled: { text: 'scheduled', color: 'green' },
};

/**
 * The SLOs whose review is due or overdue (or that were never reviewed), with their owners, and "Mark reviewed":
 * who, today and a note, saved with the SLO. A save over a newer version is refused and the newer one shown.
 */
export function ReviewsDue({ folderUid, entries: loaded, showEmpty = false }: Props) {
  const styles = useStyles2(getStyles);
  // The time is read once, so that rendering stays pure.
  const [nowSeconds] = useState(() => Date.now() / 1000);
  // SLOs saved or reloaded here, by uid, over the list loaded.
  const [updated, setUpdated] = useState<Record<string, StoredSlo>>({});
  const [marked, setMarked] = useState<string[]>([]);
  const entries = useMemo(
    () => loaded?.map((e) => (e.kind === 'ok' ? (updated[e.slo.uid] ?? e) : e)),
    [loaded, updated]
  );
  const rows = useMemo(() => (entries ? reviewRows(entries, nowSeconds) : []), [entries, nowSeconds]);
  if (!entries) {
    return null;
  }
  if (rows.length === 0 && marked.length === 0 && !showEmpty) {
    return null;
  }
  const replace = (entry: StoredSlo) => setUpdated((u) => ({ ...u, [entry.slo.uid]: entry }));
  return (
    <section className={styles.section} data-testid={testIds.reviewsDue.container}>
      <Text element="h3">Reviews due</Text>
      {marked.length > 0 && (
        <Text element="p" color="success" data-testid={testIds.reviewsDue.saved}>
          Marked reviewed: {marked.join(', ')}.
        </Text>
      )}
      {rows.length === 0 ? (
        <Text element="p" color="secondary" data-testid={testIds.reviewsDue.empty}>
          No SLO review is due.
        </Text>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              {['SLO', 'Status', 'Owners', 'Last review', 'Review', ''].map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <ReviewRowView
                key={row.entry.slo.uid}
                row={row}
                folderUid={folderUid}
                onReloaded={replace}
                onSaved={(entry) => {
                  replace(entry);
                  setMarked((m) => [...m, entry.slo.displayName ?? entry.slo.name]);
                }}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface RowProps {
  row: ReviewRow;
  folderUid: string;
  onSaved: (entry: StoredSlo) => void;
  onReloaded: (entry: StoredSlo) => void;
}

function ReviewRowView({ row, folderUid, onSaved, onReloaded }: RowProps) {
  const { entry, due } = row;
  const { slo } = entry;
  const [note, setNote] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ conflict: boolean; message: string } | undefined>();
  const badge = STATE_BADGES[due.state];
  const owners = [slo.owners?.product && `product: ${slo.owners.product}`, slo.owners?.sre && `SRE: ${slo.owners.sre}`]
    .filter(Boolean)
    .join(', ');
  const last = slo.review?.last;
  const save = async () => {
    setSaving(true);
    setProblem(undefined);
    const reviewed = markReviewed(slo, currentUserLogin(), Date.now() / 1000, note ?? '');
    try {
      const result = await saveSlo(reviewed, {
        folderUid: entry.folderUid ?? folderUid,
        previous: entry,
        message: `Marked reviewed${reviewed.review?.last?.note ? `: ${reviewed.review.last.note}` : ''}`,
      });
      onSaved({
        ...entry,
        slo: reviewed,
        version: result.version,
        dashboard: sloToDashboard(reviewed, entry.dashboard),
      });
    } catch (error) {
      if (error instanceof SloConflictError) {
        // Their version replaces the one loaded; the note stays, to be saved on top of it.
        const latest = await getSlo(slo.uid).catch(() => undefined);
        if (latest?.kind === 'ok') {
          onReloaded(latest);
        }
        setProblem({
          conflict: true,
          message: `${error.message}. ${latest?.kind === 'ok' ? 'Their version is loaded: save again to mark it reviewed.' : 'Reload the page and mark it again.'}`,
        });
      } else {
        setProblem({ conflict: false, message: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      setSaving(false);
    }
  };
  return (
    <tr data-testid={testIds.reviewsDue.row}>
      <td>
        <TextLink href={sloUrl(slo.uid)} inline={false}>
          {slo.displayName ?? slo.name}
        </TextLink>
      </td>
      <td>{STATUS_TITLES[sloStatus(slo)]}</td>
      <td>{owners || <Text color="secondary">no owners</Text>}</td>
      <td>
        {last ? `${last.date} by ${last.by}${last.note ? `: ${last.note}` : ''}` : <Text color="secondary">none</Text>}
      </td>
      <td data-testid={testIds.reviewsDue.due}>
        <Stack direction="column" gap={0.5} alignItems="flex-start">
          <Badge text={badge.text} color={badge.color} />
          <Text variant="bodySmall">
            {due.text}, every {reviewIntervalText(slo)}
          </Text>
        </Stack>
      </td>
      <td>
        {note === undefined ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={!entry.canSave}
            onClick={() => setNote('')}
            data-testid={testIds.reviewsDue.mark}
          >
            Mark reviewed
          </Button>
        ) : (
          <Stack direction="column" gap={1}>
            <TextArea
              rows={2}
              aria-label={`Review note of ${slo.name}`}
              placeholder="What was decided (optional)"
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              data-testid={testIds.reviewsDue.note}
            />
            <Stack gap={1}>
              <Button size="sm" onClick={save} disabled={saving} data-testid={testIds.reviewsDue.save}>
                {saving ? 'Saving...' : 'Save review'}
              </Button>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => setNote(undefined)}
                data-testid={testIds.reviewsDue.cancel}
              >
                Cancel
              </Button>
            </Stack>
            {problem && (
              <Alert
                severity={problem.conflict ? 'warning' : 'error'}
                title={problem.conflict ? 'The SLO changed since it was loaded' : 'Could not save the review'}
                data-testid={problem.conflict ? testIds.reviewsDue.conflict : testIds.reviewsDue.error}
              >
                {problem.message}
              </Alert>
            )}
          </Stack>
        )}
      </td>
    </tr>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ margin: theme.spacing(2, 0) }),
  table: css(dataTableCss(theme, { padding: [1, 1.5], mutedHeader: true })),
});
