import React, { useMemo, useState } from 'react';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import {
  Alert,
  Badge,
  Button,
  ConfirmModal,
  InteractiveTable,
  LinkButton,
  LoadingPlaceholder,
  Stack,
  Text,
  TextLink,
  type Column,
} from '@grafana/ui';
import type { AppSettings } from '../../settings';
import type { Slo } from '../../slo/types';
import { getSlo, listSlos, saveSlo, type SloEntry, type StoredSlo } from '../../api/sloStore';
import { errorMessage, SloConflictError } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { prefixRoute, sloUrl } from '../../utils/utils.routing';
import { ROUTES } from '../../constants';
import {
  emptyScheduleForm,
  maintenanceRows,
  maintenanceSilence,
  parsedFormWindow,
  withoutWindow,
  withWindow,
  type MaintenanceRow,
  type ScheduleField,
  type ScheduleForm,
  type WindowState,
} from './maintenanceRows';
import { ScheduleMaintenanceForm, type SloOption } from './ScheduleMaintenanceForm';
import { alertmanagerChoices, createSilence } from '../../api/alertmanager';
import { config } from '@grafana/runtime';
import { SceneLoader } from '../../scenes/SceneLoader';

/** The outcome of a change to several SLOs: each is saved on its own, so some may be and some not. */
interface ChangeResult {
  what: string;
  saved: Array<{ uid: string; name: string }>;
  failed: Array<{ name: string; reason: string }>;
  /** The silence asked for: created (its id and span) or why not. */
  silence?: { created?: string; error?: string };
}

export interface MaintenanceViewState extends SceneObjectState {
  settings: AppSettings;
  scheduling: boolean;
  draft?: ScheduleForm;
  saveProblems: Array<{ field: ScheduleField; message: string }>;
  saving: boolean;
  result?: ChangeResult;
  pendingRemove?: MaintenanceRow;
}

/** Maintenance windows across SLOs: the schedule, and a form to add a window to several SLOs at once. */
export class MaintenanceView extends SceneObjectBase<MaintenanceViewState> {
  static Component = MaintenanceRenderer;

  /** The readable SLOs, with their windows. */
  readonly slos = new SceneLoader<StoredSlo[]>({
    load: async (signal) =>
      (await listSlos(this.state.settings.sloFolderUid, signal)).flatMap((e) => (e.kind === 'ok' ? [e] : [])),
  });

  constructor(state: Pick<MaintenanceViewState, 'settings'>) {
    super({ ...state, scheduling: false, saveProblems: [], saving: false });
    this.setState({ $behaviors: [this.slos] });
  }

  startScheduling = (): void => {
    this.setState({
      scheduling: true,
      draft: emptyScheduleForm(Date.now() / 1000),
      saveProblems: [],
      result: undefined,
    });
  };

  cancel = (): void => {
    this.setState({ scheduling: false, saveProblems: [] });
  };

  /**
   * Adds the window to each chosen SLO, read again just before its save so that nothing saved in the
   * meantime is lost. If the window clashes with an SLO's own windows nothing is saved and the form
   * stays open with the reason.
   */
  schedule = async (form: ScheduleForm): Promise<void> => {
    this.setState({ saving: true, draft: form, saveProblems: [], result: undefined });
    const fresh = await Promise.all(form.sloUids.map(readSlo));
    const problems: MaintenanceViewState['saveProblems'] = [];
    const changes: Array<{ entry: StoredSlo; slo: Slo }> = [];
    fresh.forEach(({ entry, error }, i) => {
      if (!entry) {
        problems.push({ field: 'sloUids', message: `${form.sloUids[i]}: ${errorMessage(error)}` });
      } else if (entry.kind === 'broken') {
        problems.push({ field: 'sloUids', message: `${entry.title} cannot be read: repair it first` });
      } else {
        const scheduled = withWindow(entry.slo, form);
        problems.push(...scheduled.problems);
        if (scheduled.slo) {
          changes.push({ entry, slo: scheduled.slo });
        }
      }
    });
    if (problems.length > 0) {
      this.setState({ saving: false, saveProblems: problems });
      return;
    }
    const result = await this.saveEach(changes, `Scheduled "${form.reason.trim()}"`);
    if (form.silence && result.saved.length > 0) {
      result.silence = await this.silence(
        form,
        result.saved.map((s) => s.uid)
      );
    }
    this.setState({ saving: false, scheduling: result.failed.length > 0, result });
    await this.slos.refresh();
  };

  askRemove = (pendingRemove: MaintenanceRow | undefined): void => {
    this.setState({ pendingRemove, result: undefined });
  };

  confirmRemove = async (): Promise<void> => {
    const row = this.state.pendingRemove;
    this.setState({ pendingRemove: undefined, saving: true });
    if (!row) {
      return;
    }
    const changes: Array<{ entry: StoredSlo; slo: Slo }> = [];
    const failed: ChangeResult['failed'] = [];
    for (const { uid, name } of row.slos) {
      const { entry, error } = await readSlo(uid);
      if (entry?.kind === 'ok') {
        changes.push({ entry, slo: withoutWindow(entry.slo, row.key) });
      } else {
        failed.push({ name, reason: entry ? 'it cannot be read: repair it first' : errorMessage(error) });
      }
    }
    const result = await this.saveEach(changes, `Removed "${row.window.reason}"`);
    this.setState({ saving: false, result: { ...result, failed: [...failed, ...result.failed] } });
    await this.slos.refresh();
  };

  /** A silence of the saved SLOs' alerts over the window's occurrence in force or next. */
  private async silence(form: ScheduleForm, sloUids: string[]): Promise<NonNullable<ChangeResult['silence']>> {
    const window = parsedFormWindow(form);
    const user = config.bootData.user;
    const silence = window && maintenanceSilence(window, sloUids, Date.now() / 1000, user.login || user.name);
    if (!silence) {
      return { error: 'the window has no occurrence ahead to silence' };
    }
    const alertmanager =
      alertmanagerChoices().find((a) => a.uid === form.alertmanagerUid)?.name ?? form.alertmanagerUid;
    try {
      const id = await createSilence(form.alertmanagerUid, silence);
      const span = `${silence.startsAt.slice(0, 16).replace('T', ' ')} to ${silence.endsAt.slice(0, 16).replace('T', ' ')} UTC`;
      return { created: `Silence ${id} in ${alertmanager}, ${span}.` };
    } catch (error) {
      return { error: `No silence in ${alertmanager}: ${errorMessage(error)}` };
    }
  }

  private async saveEach(changes: Array<{ entry: StoredSlo; slo: Slo }>, what: string): Promise<ChangeResult> {
    const result: ChangeResult = { what, saved: [], failed: [] };
    for (const { entry, slo } of changes) {
      const name = slo.displayName ?? slo.name;
      try {
        await saveSlo(slo, {
          folderUid: entry.folderUid ?? this.state.settings.sloFolderUid,
          previous: entry,
          message: what,
        });
        result.saved.push({ uid: slo.uid, name });
      } catch (error) {
        const reason =
          error instanceof SloConflictError
            ? `${error.message}: it was changed while you scheduled; try again`
            : errorMessage(error);
        result.failed.push({ name, reason });
      }
    }
    return result;
  }
}

/** An SLO read again just before a change, or why it could not be. */
function readSlo(uid: string): Promise<{ entry?: SloEntry; error?: unknown }> {
  return getSlo(uid).then(
    (entry) => ({ entry }),
    (error: unknown) => ({ error })
  );
}

const STATE_BADGES: Record<WindowState, { text: string; color: 'purple' | 'blue' | 'darkgrey' }> = {
  now: { text: 'In progress', color: 'purple' },
  upcoming: { text: 'Upcoming', color: 'blue' },
  ended: { text: 'Ended', color: 'darkgrey' },
};

/** The export page with the SLOs chosen, where their rules are compared with the ruler and deployed. */
export function deployUrl(uids: string[]): string {
  const params = new URLSearchParams([...uids.map((uid) => ['slo', uid]), ['format', 'prometheus']]);
  return `${prefixRoute(ROUTES.Export)}?${params.toString()}`;
}

const NO_ENTRIES: StoredSlo[] = [];

function MaintenanceRenderer({ model }: SceneComponentProps<MaintenanceView>) {
  const { scheduling, draft, saveProblems, saving, result, pendingRemove } = model.useState();
  const { loading, data, error } = model.slos.useState();
  const entries = data ?? NO_ENTRIES;
  const [nowSeconds] = useState(() => Date.now() / 1000);
  const rows = useMemo(
    () =>
      maintenanceRows(
        entries.map((e) => e.slo),
        nowSeconds
      ),
    [entries, nowSeconds]
  );
  const editable: SloOption[] = useMemo(
    () =>
      entries
        .filter((e) => e.canSave)
        .map((e) => ({ uid: e.slo.uid, name: e.slo.displayName ?? e.slo.name, service: e.slo.service })),
    [entries]
  );
  const editableUids = new Set(editable.map((s) => s.uid));
  // Reloads after a change keep the schedule on screen.
  if (loading && !data) {
    return <LoadingPlaceholder text="Loading maintenance windows..." />;
  }
  if (error) {
    return (
      <Alert title="Could not load the SLOs" data-testid={testIds.maintenance.error}>
        {error}
      </Alert>
    );
  }
  const columns: Array<Column<MaintenanceRow>> = [
    {
      id: 'state',
      header: 'Status',
      cell: ({ row }) => (
        <Badge text={STATE_BADGES[row.original.state].text} color={STATE_BADGES[row.original.state].color} />
      ),
    },
    {
      id: 'span',
      header: 'When',
      cell: ({ row }) => (
        <span>
          {row.original.span}
          {row.original.window.repeat === 'weekly' && <Text color="secondary"> (weekly)</Text>}
        </span>
      ),
    },
    { id: 'reason', header: 'Reason', cell: ({ row }) => row.original.window.reason },
    {
      id: 'slos',
      header: 'SLOs',
      cell: ({ row }) => (
        <Stack gap={1} wrap="wrap">
          {row.original.slos.map((s) => (
            <TextLink key={s.uid} href={sloUrl(s.uid)} inline={false}>
              {s.name}
            </TextLink>
          ))}
        </Stack>
      ),
    },
    {
      id: 'actions',
      header: '',
      cell: ({ row }) =>
        row.original.slos.every((s) => editableUids.has(s.uid)) ? (
          <Button
            size="sm"
            variant="secondary"
            icon="trash-alt"
            aria-label={`Remove ${row.original.window.reason}`}
            data-testid={testIds.maintenance.remove}
            onClick={() => model.askRemove(row.original)}
          />
        ) : null,
    },
  ];
  return (
    <div data-testid={testIds.maintenance.container}>
      <Stack direction="column" gap={2}>
        <Text color="secondary">
          During a window the SLO&apos;s events do not count against its error budget and its burn-rate alerts stay
          quiet. The rules hold the windows, so an SLO&apos;s rules change when a window is added or removed: deploy
          them then (nothing needs doing when a window starts or ends). The SLO pages shade each window.
        </Text>
        {result && (
          <Alert
            severity={result.failed.length > 0 ? 'warning' : 'success'}
            title={`${result.what}: ${result.saved.length} SLO${result.saved.length === 1 ? '' : 's'} saved`}
            data-testid={testIds.maintenance.result}
          >
            <Stack direction="column" gap={1}>
              {result.silence && (
                <span data-testid={testIds.maintenance.silenceResult}>
                  {result.silence.created ?? result.silence.error}
                </span>
              )}
              {result.failed.map((f) => (
                <span key={f.name}>
                  Not saved: {f.name}: {f.reason}
                </span>
              ))}
              {result.saved.length > 0 && (
                <span>
                  Their rules changed: deploy them to the ruler, or download the rule file.{' '}
                  <LinkButton
                    size="sm"
                    variant="primary"
                    href={deployUrl(result.saved.map((s) => s.uid))}
                    data-testid={testIds.maintenance.deploy}
                  >
                    Deploy the rules
                  </LinkButton>
                </span>
              )}
            </Stack>
          </Alert>
        )}
        {scheduling && draft ? (
          <ScheduleMaintenanceForm
            initial={draft}
            slos={editable}
            alertmanagers={alertmanagerChoices()}
            saving={saving}
            saveProblems={saveProblems}
            onSubmit={model.schedule}
            onCancel={model.cancel}
          />
        ) : (
          editable.length > 0 && (
            <div>
              <Button icon="plus" onClick={model.startScheduling} data-testid={testIds.maintenance.add}>
                Schedule maintenance
              </Button>
            </div>
          )
        )}
        {rows.length === 0 ? (
          <Text color="secondary" data-testid={testIds.maintenance.empty}>
            No maintenance scheduled.
          </Text>
        ) : (
          <div data-testid={testIds.maintenance.table}>
            <InteractiveTable columns={columns} data={rows} getRowId={(r) => r.key} />
          </div>
        )}
      </Stack>
      <ConfirmModal
        isOpen={pendingRemove !== undefined}
        title="Remove the maintenance window"
        body={
          pendingRemove &&
          `"${pendingRemove.window.reason}" will no longer be left out of ${pendingRemove.slos.length} SLO(s) once their rules are deployed again. Past windows already left out stay left out until they leave the SLO window.`
        }
        confirmText="Remove"
        onConfirm={model.confirmRemove}
        onDismiss={() => model.askRemove(undefined)}
      />
    </div>
  );
}
