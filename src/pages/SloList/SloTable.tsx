import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, ConfirmModal, IconButton, LinkButton, Stack, Text, TextLink, useStyles2 } from '@grafana/ui';
import type { BrokenSlo, SloEntry, StoredSlo } from '../../api/sloStore';
import { errorMessage } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { duplicateUrl, sloEditUrl, sloUrl } from '../../utils/utils.routing';
import { formatTarget, formatWindow, tierTitle } from '../../components/format';
import { DriftBadge } from '../../components/DriftBadge';
import type { DriftReport } from '../../api/ruler';

interface Props {
  entries: SloEntry[];
  onDelete: (entry: SloEntry) => Promise<void>;
  /** Deployed rules against each SLO, once the ruler has answered. */
  drift?: DriftReport;
}

export function SloTable({ entries, onDelete, drift }: Props) {
  const styles = useStyles2(getStyles);
  const [deleting, setDeleting] = useState<SloEntry>();
  const [error, setError] = useState<string>();
  const confirmDelete = async () => {
    if (!deleting) {
      return;
    }
    try {
      await onDelete(deleting);
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
    setDeleting(undefined);
  };
  return (
    <>
      {error && <Alert title="Could not delete the SLO">{error}</Alert>}
      <table className={styles.table}>
        <thead>
          <tr>
            {['Name', 'Service', 'SLI', 'Objective', 'Window', 'Tier', 'Owner', 'Rules', ''].map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) =>
            entry.kind === 'ok' ? (
              <SloRow key={entry.dashboardUid} entry={entry} onDelete={setDeleting} drift={drift} />
            ) : (
              <BrokenRow key={entry.dashboardUid} entry={entry} onDelete={setDeleting} />
            )
          )}
        </tbody>
      </table>
      <ConfirmModal
        isOpen={deleting !== undefined}
        title="Delete SLO"
        body={`Delete ${deleting ? entryLabel(deleting) : ''}? Its storage dashboard is deleted; rules already deployed stay where they are.`}
        confirmText="Delete"
        confirmButtonVariant="destructive"
        onConfirm={confirmDelete}
        onDismiss={() => setDeleting(undefined)}
      />
    </>
  );
}

function entryLabel(entry: SloEntry): string {
  return entry.kind === 'ok' ? (entry.slo.displayName ?? entry.slo.name) : entry.title;
}

function SloRow({
  entry,
  onDelete,
  drift,
}: {
  entry: StoredSlo;
  onDelete: (e: SloEntry) => void;
  drift?: DriftReport;
}) {
  const { slo } = entry;
  const objective = slo.objectives[0];
  return (
    <tr data-testid={testIds.sloList.row}>
      <td>
        <TextLink href={sloUrl(slo.uid)} inline={false} data-testid={testIds.sloList.open}>
          {slo.displayName ?? slo.name}
        </TextLink>
      </td>
      <td>{slo.service}</td>
      <td>{slo.indicator.type}</td>
      <td>{objective ? formatTarget(objective.target) : ''}</td>
      <td>{objective ? formatWindow(objective.window) : ''}</td>
      <td>{slo.tier ? tierTitle(slo.tier) : ''}</td>
      <td>{slo.owner ?? ''}</td>
      <td>
        <DriftBadge report={drift} sloUid={slo.uid} />
      </td>
      <td>
        <RowActions entry={entry} editUrl={sloEditUrl(slo.uid)} onDelete={onDelete} />
      </td>
    </tr>
  );
}

function BrokenRow({ entry, onDelete }: { entry: BrokenSlo; onDelete: (e: SloEntry) => void }) {
  return (
    <tr data-testid={testIds.sloList.brokenRow}>
      <td>{entry.title}</td>
      <td colSpan={7}>
        <Stack direction="column" gap={0}>
          <Text color="error" data-testid={testIds.sloList.brokenError}>
            Cannot read this SLO: {entry.error.message}
          </Text>
          {entry.error.issues.map((issue, i) => (
            <Text key={i} variant="bodySmall" color="secondary">
              {issue.path ? `${issue.path}: ` : ''}
              {issue.message}
            </Text>
          ))}
        </Stack>
      </td>
      <td>
        <RowActions entry={entry} editUrl={`/d/${entry.dashboardUid}`} onDelete={onDelete} />
      </td>
    </tr>
  );
}

function RowActions({
  entry,
  editUrl,
  onDelete,
}: {
  entry: SloEntry;
  editUrl: string;
  onDelete: (e: SloEntry) => void;
}) {
  if (!entry.canSave) {
    return null;
  }
  return (
    <Stack gap={1} justifyContent="flex-end">
      <LinkButton href={editUrl} size="sm" variant="secondary" icon="pen" data-testid={testIds.sloList.edit}>
        {entry.kind === 'ok' ? 'Edit' : 'Open dashboard'}
      </LinkButton>
      {entry.kind === 'ok' && (
        <LinkButton
          href={duplicateUrl(entry.slo.uid)}
          size="sm"
          variant="secondary"
          icon="copy"
          aria-label={`Duplicate ${entryLabel(entry)}`}
          tooltip="Duplicate"
          data-testid={testIds.sloList.duplicate}
        />
      )}
      {entry.canDelete && (
        <IconButton
          name="trash-alt"
          tooltip="Delete"
          aria-label={`Delete ${entryLabel(entry)}`}
          onClick={() => onDelete(entry)}
          data-testid={testIds.sloList.delete}
        />
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(1, 1.5),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
});
