import React, { useEffect, useRef, useState } from 'react';
import { css, cx } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import {
  Alert,
  Button,
  ConfirmModal,
  ControlledCollapse,
  LoadingPlaceholder,
  RadioButtonGroup,
  Stack,
  Text,
  useStyles2,
} from '@grafana/ui';
import { saveSlo, type SloEntry } from '../../api/sloStore';
import { dashboardUidForSlo, type DecodeResult } from '../../storage/sloDashboard';
import {
  getSloVersion,
  listSloVersions,
  type SloVersion,
  type SloVersionInfo,
  type VersionCursor,
  type VersionPage,
} from '../../api/sloVersions';
import { errorMessage, SloConflictError } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { useLoader } from '../../utils/useLoader';
import { DiffBlock } from '../SloEditor/ReviewPane';
import { versionDiff, type ComparedSide } from './versionDiff';

/** When a version was saved, in the user's time zone as Grafana shows times; what Grafana sent when it is no date. */
function savedAt(created: string | undefined): string {
  if (created === undefined) {
    return '–';
  }
  return Number.isNaN(Date.parse(created)) ? created : dateTimeFormat(created);
}

type CompareTo = 'previous' | 'current';

const COMPARE_OPTIONS: Array<{ label: string; value: CompareTo; description: string }> = [
  { label: 'Its changes', value: 'previous', description: 'Against the version before it: what this save changed' },
  { label: 'Against now', value: 'current', description: 'Against the SLO as it is now: what a restore would change' },
];

interface Props {
  /** The SLO as stored now; a broken one too, so that a good version of it can be restored. */
  entry: SloEntry;
  /** Reads the SLO again after a restore (or a conflicting save by someone else). */
  onRestored: () => Promise<void>;
}

/** The saved versions of the SLO (Grafana's dashboard versions): who saved what and when, and restore. */
export function SloHistory({ entry, onRestored }: Props) {
  return (
    <div data-testid={testIds.sloDetail.history}>
      <ControlledCollapse label="History" isOpen={false}>
        {/* Inside the collapse: the versions are read when it is first opened. */}
        <VersionList entry={entry} onRestored={onRestored} />
      </ControlledCollapse>
    </div>
  );
}

/** The pages read after the first with "Show older versions", and how the last read went. */
interface OlderPages {
  versions: SloVersionInfo[];
  next?: VersionCursor;
  loading: boolean;
  error?: string;
}

/**
 * Reads a page more of older versions on demand, after `first`; starts over when `first` is read again (after a
 * save). The read in flight is cancelled when another starts or the list goes.
 */
function useOlderVersions(dashboardUid: string, first: VersionPage | undefined) {
  const [older, setOlder] = useState<OlderPages>({ versions: [], loading: false });
  const reading = useRef<AbortController>();
  useEffect(() => {
    reading.current?.abort();
    setOlder({ versions: [], next: first?.next, loading: false });
  }, [first]);
  useEffect(() => () => reading.current?.abort(), []);
  const readMore = async () => {
    if (!older.next) {
      return;
    }
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    setOlder((o) => ({ ...o, loading: true, error: undefined }));
    try {
      const page = await listSloVersions(dashboardUid, controller.signal, older.next);
      setOlder((o) => ({ versions: [...o.versions, ...page.versions], next: page.next, loading: false }));
    } catch (error) {
      if (!controller.signal.aborted) {
        setOlder((o) => ({ ...o, loading: false, error: errorMessage(error) }));
      }
    }
  };
  return { older, readMore };
}

function VersionList({ entry, onRestored }: Props) {
  const styles = useStyles2(getStyles);
  const { dashboardUid, version: currentVersion } = entry;
  const versions = useLoader((signal) => listSloVersions(dashboardUid, signal), [dashboardUid, currentVersion]);
  const { older, readMore } = useOlderVersions(dashboardUid, versions.data);
  const [selected, setSelected] = useState<number>();
  if (versions.loading && !versions.data) {
    return <LoadingPlaceholder text="Loading the versions..." />;
  }
  if (versions.error || !versions.data) {
    return <Alert title="Could not load the versions of the SLO">{versions.error}</Alert>;
  }
  // A save between two pages shifts Grafana 11's offsets: a version read twice is listed once.
  const seen = new Set<number>();
  const list = [...versions.data.versions, ...older.versions].filter(
    (v) => !seen.has(v.version) && seen.add(v.version)
  );
  const hasOlder = older.next !== undefined;
  const previousOf = (version: number): number | undefined =>
    list.find((v) => v.version < version)?.version ?? (hasOlder && version > 1 ? version - 1 : undefined);
  return (
    <Stack direction="column" gap={2}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Version</th>
            <th>Saved</th>
            <th>By</th>
            <th>Message</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((v) => (
            <tr
              key={v.version}
              data-testid={testIds.sloDetail.historyRow}
              className={cx(v.version === selected && styles.selected)}
            >
              <td>
                {v.version}
                {v.version === currentVersion && <Text color="secondary"> (current)</Text>}
              </td>
              <td>{savedAt(v.created)}</td>
              <td>{v.createdBy ?? '–'}</td>
              <td>{v.message ?? ''}</td>
              <td>
                <Button size="sm" variant="secondary" fill="text" onClick={() => setSelected(v.version)}>
                  Show
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(hasOlder || older.error) && (
        <Stack direction="column" gap={1}>
          {older.error && <Alert title="Could not load older versions">{older.error}</Alert>}
          {hasOlder && (
            <div>
              <Button
                variant="secondary"
                size="sm"
                icon="angle-down"
                disabled={older.loading}
                onClick={readMore}
                data-testid={testIds.sloDetail.historyMore}
              >
                {older.loading ? 'Loading older versions...' : 'Show older versions'}
              </Button>
            </div>
          )}
        </Stack>
      )}
      {selected !== undefined && (
        <VersionDetail
          entry={entry}
          info={list.find((v) => v.version === selected) ?? { version: selected }}
          previousVersion={previousOf(selected)}
          onRestored={onRestored}
        />
      )}
    </Stack>
  );
}

interface Compared {
  shown: SloVersion;
  base?: ComparedSide;
}

function VersionDetail({
  entry,
  info,
  previousVersion,
  onRestored,
}: Props & { info: SloVersionInfo; previousVersion?: number }) {
  const [compareTo, setCompareTo] = useState<CompareTo>('previous');
  const { dashboardUid } = entry;
  const compared = useLoader<Compared>(
    async (signal) => {
      const [shown, before] = await Promise.all([
        getSloVersion(dashboardUid, info.version, signal),
        compareTo === 'previous' && previousVersion !== undefined
          ? getSloVersion(dashboardUid, previousVersion, signal)
          : undefined,
      ]);
      const base: ComparedSide | undefined =
        compareTo === 'current'
          ? { label: `the current version ${entry.version}`, decoded: currentDecoded(entry) }
          : before && { label: `version ${before.version}`, decoded: before.decoded };
      return { shown, base };
    },
    [dashboardUid, info.version, previousVersion, compareTo, entry]
  );
  const heading = `Version ${info.version}${info.createdBy ? ` by ${info.createdBy}` : ''}${info.created ? `, ${savedAt(info.created)}` : ''}`;
  return (
    <Stack direction="column" gap={1}>
      <Stack justifyContent="space-between" alignItems="center" wrap="wrap">
        <Text element="h5">{heading}</Text>
        <RadioButtonGroup options={COMPARE_OPTIONS} value={compareTo} onChange={setCompareTo} size="sm" />
      </Stack>
      {compared.loading && !compared.data ? (
        <LoadingPlaceholder text={`Loading version ${info.version}...`} />
      ) : compared.error || !compared.data ? (
        <Alert title={`Could not load version ${info.version}`}>{compared.error}</Alert>
      ) : (
        <ComparedVersions entry={entry} compared={compared.data} onRestored={onRestored} />
      )}
    </Stack>
  );
}

function ComparedVersions({ entry, compared, onRestored }: Props & { compared: Compared }) {
  const { shown, base } = compared;
  const diff = versionDiff(base, { label: `version ${shown.version}`, decoded: shown.decoded });
  return (
    <Stack direction="column" gap={1}>
      {diff.kind === 'unreadable' ? (
        <Alert title={`Cannot read ${diff.label}`} severity="warning" data-testid={testIds.sloDetail.historyUnreadable}>
          {diff.message}
          {diff.issues.map((issue, i) => (
            <div key={i}>{issue}</div>
          ))}
        </Alert>
      ) : diff.changed === 0 ? (
        <Text color="secondary">The SLO is the same in both: only the dashboard around it differs.</Text>
      ) : (
        <div data-testid={testIds.sloDetail.historyDiff}>
          <Text color="secondary" variant="bodySmall">
            {base
              ? `From ${base.label} to version ${shown.version}`
              : `Version ${shown.version}, the first: all of it new`}
          </Text>
          <DiffBlock lines={diff.lines} />
        </div>
      )}
      <RestoreVersion entry={entry} version={shown} onRestored={onRestored} />
    </Stack>
  );
}

/** Restore: a new save of that version's SLO over the current version, refused like any save if someone saved since. */
function RestoreVersion({ entry, version, onRestored }: Props & { version: SloVersion }) {
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [restoreError, setRestoreError] = useState<string>();
  const [restored, setRestored] = useState<number>();
  if (!entry.canSave || version.version === entry.version) {
    return null;
  }
  const { decoded } = version;
  if (!('slo' in decoded)) {
    return <Text color="secondary">This version cannot be restored: its SLO cannot be read.</Text>;
  }
  const otherSlo =
    dashboardUidForSlo(decoded.slo.uid) !== entry.dashboardUid ||
    (entry.kind === 'ok' && decoded.slo.uid !== entry.slo.uid);
  if (otherSlo) {
    return (
      <Text color="secondary">{`This version holds another SLO (${decoded.slo.uid}): it cannot be restored here.`}</Text>
    );
  }
  const restore = async () => {
    setConfirming(false);
    setSaving(true);
    setRestoreError(undefined);
    try {
      const saved = await saveSlo(decoded.slo, {
        folderUid: entry.folderUid ?? '',
        previous: entry,
        message: `Restored version ${version.version}`,
      });
      setRestored(saved.version);
      await onRestored();
    } catch (error) {
      if (error instanceof SloConflictError) {
        await onRestored();
        setRestoreError(
          `${error.message}: the page now shows their version; restore again if it should still be restored`
        );
      } else {
        setRestoreError(errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack direction="column" gap={1}>
      <div>
        <Button
          icon="history"
          variant="secondary"
          disabled={saving}
          onClick={() => setConfirming(true)}
          data-testid={testIds.sloDetail.historyRestore}
        >
          {saving ? 'Restoring...' : `Restore version ${version.version}`}
        </Button>
      </div>
      {restored !== undefined && <Text color="success">{`Restored as version ${restored}.`}</Text>}
      {restoreError && <Alert title="Could not restore the version">{restoreError}</Alert>}
      <ConfirmModal
        isOpen={confirming}
        title={`Restore version ${version.version}`}
        body={`Save the SLO as it was in version ${version.version}, as a new version over version ${entry.version}? Deploy its rules afterwards: deployed rules do not change by themselves.`}
        confirmText="Restore"
        onConfirm={restore}
        onDismiss={() => setConfirming(false)}
      />
    </Stack>
  );
}

/** The SLO stored now, as a version decodes: a broken one with its error. */
function currentDecoded(entry: SloEntry): DecodeResult {
  return entry.kind === 'ok' ? { slo: entry.slo, yaml: entry.yaml } : { error: entry.error, yaml: entry.yaml };
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      textAlign: 'left',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
  }),
  selected: css({ background: theme.colors.action.selected }),
});
