import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { SceneObjectBase, type SceneComponentProps, type SceneObject, type SceneObjectState } from '@grafana/scenes';
import {
  Alert,
  Button,
  ConfirmModal,
  LinkButton,
  LoadingPlaceholder,
  Stack,
  Text,
  TextLink,
  useStyles2,
} from '@grafana/ui';
import type { AppSettings } from '../../settings';
import { deleteSlo, getSlo, type SloEntry, type StoredSlo } from '../../api/sloStore';
import { errorMessage } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { NoDatasource } from '../../components/NoDatasource';
import { formatTarget, formatWindow, tierTitle } from '../../components/format';
import { exportUrl, prefixRoute, sloEditUrl } from '../../utils/utils.routing';
import { ROUTES } from '../../constants';
import { buildSloPanels } from './buildSloPanels';

export interface SloDetailState extends SceneObjectState {
  sloUid: string;
  settings: AppSettings;
  loading: boolean;
  entry?: SloEntry;
  panels?: SceneObject;
  error?: string;
}

export class SloDetailView extends SceneObjectBase<SloDetailState> {
  static Component = SloDetailRenderer;

  constructor(state: SloDetailState) {
    super(state);
    this.addActivationHandler(() => {
      this.load();
    });
  }

  async load(): Promise<void> {
    try {
      const entry = await getSlo(this.state.sloUid);
      const objective = entry.kind === 'ok' ? entry.slo.objectives[0] : undefined;
      const panels = entry.kind === 'ok' && objective ? buildSloPanels(entry.slo, objective) : undefined;
      this.setState({ entry, panels, loading: false });
    } catch (error) {
      this.setState({ error: errorMessage(error), loading: false });
    }
  }

  onDelete = async (): Promise<void> => {
    const { entry } = this.state;
    if (entry) {
      await deleteSlo(entry.dashboardUid);
      locationService.push(prefixRoute(ROUTES.Slos));
    }
  };
}

function SloDetailRenderer({ model }: SceneComponentProps<SloDetailView>) {
  const { loading, entry, panels, error, settings } = model.useState();
  if (loading) {
    return <LoadingPlaceholder text="Loading SLO..." />;
  }
  if (error || !entry) {
    return (
      <Alert title="Could not load the SLO" data-testid={testIds.sloDetail.error}>
        {error}
      </Alert>
    );
  }
  if (entry.kind === 'broken') {
    return (
      <Alert title={`Cannot read ${entry.title}`} data-testid={testIds.sloDetail.broken}>
        {entry.error.message}
        {entry.error.issues.map((i, n) => (
          <div key={n}>
            {i.path}: {i.message}
          </div>
        ))}
      </Alert>
    );
  }
  return (
    <div data-testid={testIds.sloDetail.container}>
      <SloHeader entry={entry} onDelete={model.onDelete} />
      {settings.datasourceUid === '' && <NoDatasource />}
      {panels && <panels.Component model={panels} />}
    </div>
  );
}

function SloHeader({ entry, onDelete }: { entry: StoredSlo; onDelete: () => Promise<void> }) {
  const styles = useStyles2(getStyles);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();
  const { slo } = entry;
  const objective = slo.objectives[0];
  const facts: Array<[string, string | undefined]> = [
    ['Service', slo.service],
    ['Objective', objective && formatTarget(objective.target)],
    ['Window', objective && formatWindow(objective.window)],
    ['Tier', slo.tier && tierTitle(slo.tier)],
    ['Owner', slo.owner],
  ];
  const remove = () => onDelete().catch((e: unknown) => setDeleteError(errorMessage(e)));
  return (
    <div className={styles.header} data-testid={testIds.sloDetail.header}>
      <Stack justifyContent="space-between" wrap="wrap">
        <Stack direction="column" gap={1}>
          <Text element="h2">{slo.displayName ?? slo.name}</Text>
          {slo.description && <Text color="secondary">{slo.description}</Text>}
          <Stack gap={3} wrap="wrap">
            {facts.map(([label, value]) => (
              <span key={label}>
                <Text color="secondary">{label}: </Text>
                <Text>{value ?? '–'}</Text>
              </span>
            ))}
            {slo.annotations.runbook && (
              <TextLink href={slo.annotations.runbook} external data-testid={testIds.sloDetail.runbook}>
                Runbook
              </TextLink>
            )}
          </Stack>
        </Stack>
        <Stack gap={1} alignItems="flex-start">
          {entry.canSave && (
            <LinkButton href={sloEditUrl(slo.uid)} icon="pen" variant="secondary" data-testid={testIds.sloDetail.edit}>
              Edit
            </LinkButton>
          )}
          <LinkButton
            href={exportUrl([slo.uid])}
            icon="download-alt"
            variant="secondary"
            data-testid={testIds.sloDetail.export}
          >
            Export
          </LinkButton>
          {entry.canDelete && (
            <Button
              icon="trash-alt"
              variant="destructive"
              fill="outline"
              onClick={() => setConfirming(true)}
              data-testid={testIds.sloDetail.delete}
            >
              Delete
            </Button>
          )}
        </Stack>
      </Stack>
      {deleteError && <Alert title="Could not delete the SLO">{deleteError}</Alert>}
      <ConfirmModal
        isOpen={confirming}
        title="Delete SLO"
        body={`Delete ${slo.displayName ?? slo.name}? Rules already deployed stay where they are.`}
        confirmText="Delete"
        onConfirm={() => {
          setConfirming(false);
          remove();
        }}
        onDismiss={() => setConfirming(false)}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({ marginBottom: theme.spacing(2) }),
});
