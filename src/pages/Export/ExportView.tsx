import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import {
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import {
  Alert,
  Button,
  Checkbox,
  ClipboardButton,
  CodeEditor,
  Combobox,
  Field,
  Input,
  LoadingPlaceholder,
  RadioButtonGroup,
  Stack,
  useStyles2,
} from '@grafana/ui';
import type { Slo } from '../../slo/types';
import type { AppSettings } from '../../settings';
import { listSlos } from '../../api/sloStore';
import { errorMessage } from '../../api/errors';
import { testIds } from '../../components/testIds';
import {
  EXPORT_CHOICES,
  grafanaGroups,
  grafanaGroupsWithoutAlerts,
  renderExport,
  singleDatasource,
  MixedDatasourcesError,
  type ExportChoice,
} from './exportText';
import { GrafanaDeployPanel, type GrafanaTarget } from './GrafanaDeployPanel';
import { RulerDeployPanel } from './RulerDeployPanel';
import { GrafanaRecordingPanel } from './GrafanaRecordingPanel';
import { downloadText } from '../../utils/download';
import { SceneLoader } from '../../scenes/SceneLoader';
import { datasourceOf, groupByDatasource } from '../../slo/datasource';
import { datasourceName } from '../../api/byDatasource';

export interface ExportState extends SceneObjectState {
  settings: AppSettings;
  /** Uids of the chosen SLOs; none chosen means all. */
  selected: string[];
  format: ExportChoice;
  /** Only the SLOs of this service; empty: every service. */
  service: string;
  /** Only the SLOs on this datasource (a rule file runs on one); empty: every datasource. */
  datasource: string;
  crdNamespace: string;
  crdLabels: string;
  grafanaTarget: GrafanaTarget;
}

const isChoice = (value: unknown): value is ExportChoice => EXPORT_CHOICES.some((c) => c.value === value);

export class ExportView extends SceneObjectBase<ExportState> {
  static Component = ExportRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['format', 'service', 'datasource'] });

  /** The readable SLOs. */
  readonly slos = new SceneLoader<Slo[]>({
    load: async (signal) =>
      (await listSlos(this.state.settings.sloFolderUid, signal)).flatMap((e) => (e.kind === 'ok' ? [e.slo] : [])),
  });

  constructor(state: ExportState) {
    super(state);
    this.setState({ $behaviors: [this.slos] });
    this.addActivationHandler(() => {
      const slo = locationService.getSearchObject().slo;
      const selected = Array.isArray(slo) ? slo.map(String) : typeof slo === 'string' ? [slo] : [];
      this.setState({ selected });
    });
  }

  getUrlState() {
    return {
      format: this.state.format,
      service: this.state.service || undefined,
      datasource: this.state.datasource || undefined,
    };
  }

  updateFromUrl(values: SceneObjectUrlValues) {
    if (isChoice(values.format) && values.format !== this.state.format) {
      this.setState({ format: values.format });
    }
    const service = typeof values.service === 'string' ? values.service : '';
    if (service !== this.state.service) {
      this.setState({ service });
    }
    const datasource = typeof values.datasource === 'string' ? values.datasource : '';
    if (datasource !== this.state.datasource) {
      this.setState({ datasource });
    }
  }

  toggle = (uid: string) => {
    const { selected } = this.state;
    this.setState({ selected: selected.includes(uid) ? selected.filter((u) => u !== uid) : [...selected, uid] });
  };

  setFormat = (format: ExportChoice) => this.setState({ format });

  setService = (service: string) => this.setState({ service, selected: [] });

  setDatasource = (datasource: string) => this.setState({ datasource, selected: [] });

  /** The SLOs of the chosen service and datasource (all without them). */
  inScope(): Slo[] {
    const { service, datasource, settings } = this.state;
    const slos = this.slos.state.data ?? [];
    return slos.filter(
      (s) =>
        (!service || s.service === service) && (!datasource || datasourceOf(s, settings.datasourceUid) === datasource)
    );
  }

  /** The ticked SLOs in scope; none ticked means all of them. */
  chosen(): Slo[] {
    const { selected } = this.state;
    const scope = this.inScope();
    return selected.length === 0 ? scope : scope.filter((s) => selected.includes(s.uid));
  }
}

function preview(model: ExportView): { text: string; error?: string; mixed?: boolean } {
  try {
    const { format, settings, crdNamespace, crdLabels, grafanaTarget } = model.state;
    return {
      text: renderExport(
        model.chosen(),
        format,
        settings,
        { namespace: crdNamespace, labels: crdLabels },
        grafanaTarget
      ),
    };
  } catch (error) {
    return { text: '', error: errorMessage(error), mixed: error instanceof MixedDatasourcesError };
  }
}

/** The one datasource of the chosen SLOs, or undefined when they are on several. */
function chosenDatasource(chosen: Slo[], settings: AppSettings): string | undefined {
  try {
    return singleDatasource(chosen, settings);
  } catch {
    return undefined;
  }
}

function ExportRenderer({ model }: SceneComponentProps<ExportView>) {
  const { selected, format, service, datasource, crdNamespace, crdLabels, settings, grafanaTarget } = model.useState();
  const { loading, data: slos, error } = model.slos.useState();
  const styles = useStyles2(getStyles);
  if (loading && !slos) {
    return <LoadingPlaceholder text="Loading SLOs..." />;
  }
  const result = preview(model);
  const choice = EXPORT_CHOICES.find((c) => c.value === format) ?? EXPORT_CHOICES[0];
  const services = [...new Set((slos ?? []).map((s) => s.service))].sort();
  const datasources = [...groupByDatasource(slos ?? [], settings.datasourceUid).keys()].filter((uid) => uid !== '');
  const scope = model.inScope();
  const chosen = model.chosen();
  const recordingDatasource = chosenDatasource(chosen, settings);
  const rulesText = (uid: string) =>
    renderExport(
      chosen.filter((slo) => datasourceOf(slo, settings.datasourceUid) === uid),
      'prometheus',
      settings
    );
  return (
    <Stack direction="column" gap={2} data-testid={testIds.export.container}>
      {(error || (result.error && !result.mixed)) && (
        <Alert title="Cannot export" data-testid={testIds.export.error}>
          {error ?? result.error}
        </Alert>
      )}
      {!error && result.mixed && (
        <Alert severity="info" title="Choose a datasource for the rule file" data-testid={testIds.export.mixed}>
          {result.error}.
          {(format === 'prometheus' || format === 'mimir') &&
            " The deploy below needs no choice: it deploys each SLO to its own datasource's ruler."}
        </Alert>
      )}
      <Stack direction="row" gap={4} wrap="wrap">
        <Field label="Service" description="The SLOs of one service, or of all">
          <div data-testid={testIds.export.service}>
            <Combobox
              width={30}
              options={[{ value: '', label: 'All services' }, ...services.map((s) => ({ value: s, label: s }))]}
              value={service}
              onChange={(option) => model.setService(option?.value ?? '')}
            />
          </div>
        </Field>
        {(datasources.length > 1 || datasource !== '') && (
          <Field label="Datasource" description="The SLOs on one datasource: a rule file runs on one Prometheus">
            <div data-testid={testIds.export.datasource}>
              <Combobox
                width={30}
                options={[
                  { value: '', label: 'All datasources' },
                  ...datasources.map((uid) => ({ value: uid, label: datasourceName(uid) })),
                ]}
                value={datasource}
                onChange={(option) => model.setDatasource(option?.value ?? '')}
              />
            </div>
          </Field>
        )}
        <Field label="SLOs" description={`None ticked: all ${scope.length} of ${service || 'every service'}`}>
          <Stack direction="column" gap={0.5} alignItems="flex-start">
            {scope.map((slo) => (
              <Checkbox
                key={slo.uid}
                label={slo.displayName ?? slo.name}
                value={selected.includes(slo.uid)}
                onChange={() => model.toggle(slo.uid)}
                data-testid={testIds.export.sloCheckbox}
              />
            ))}
          </Stack>
        </Field>
      </Stack>
      <Field label="Format">
        <div data-testid={testIds.export.format}>
          <RadioButtonGroup options={EXPORT_CHOICES} value={format} onChange={model.setFormat} />
        </div>
      </Field>
      {format === 'prometheus-rule' && (
        <Stack direction="row" gap={2}>
          <Field label="Namespace" description="metadata.namespace of the PrometheusRule">
            <Input
              width={30}
              value={crdNamespace}
              placeholder="monitoring"
              onChange={(e) => model.setState({ crdNamespace: e.currentTarget.value })}
              data-testid={testIds.export.crdNamespace}
            />
          </Field>
          <Field label="Labels" description="key=value, comma separated: what the operator's ruleSelector matches">
            <Input
              width={50}
              value={crdLabels}
              placeholder="release=kube-prometheus-stack"
              onChange={(e) => model.setState({ crdLabels: e.currentTarget.value })}
              data-testid={testIds.export.crdLabels}
            />
          </Field>
        </Stack>
      )}
      <Field label={`${choice.label}: ${chosen.length} ${chosen.length === 1 ? 'SLO' : 'SLOs'}`}>
        <div className={styles.preview} data-testid={testIds.export.preview}>
          <CodeEditor
            value={result.text}
            language={choice.language}
            readOnly
            showLineNumbers
            showMiniMap={false}
            height={480}
            containerStyles={styles.editor}
          />
        </div>
      </Field>
      <Stack direction="row" gap={1}>
        <Button
          icon="download-alt"
          disabled={result.text === ''}
          onClick={() => downloadText(result.text, choice.file)}
          data-testid={testIds.export.download}
        >
          Download {choice.file}
        </Button>
        <ClipboardButton
          icon="copy"
          variant="secondary"
          getText={() => result.text}
          disabled={result.text === ''}
          data-testid={testIds.export.copy}
        >
          Copy
        </ClipboardButton>
      </Stack>
      {format === 'grafana' && (
        <GrafanaDeployPanel
          groups={grafanaGroups(chosen, settings, grafanaTarget)}
          groupsWithoutAlerts={grafanaGroupsWithoutAlerts(chosen, settings)}
          target={grafanaTarget}
          onTargetChange={(target) => model.setState({ grafanaTarget: target })}
        />
      )}
      {(format === 'prometheus' || format === 'mimir') && (
        <RulerDeployPanel
          chosen={chosen}
          all={slos ?? []}
          settings={settings}
          onDownload={(uid) => downloadText(rulesText(uid), 'burnrate.rules.yaml')}
        />
      )}
      {(format === 'prometheus' || format === 'mimir') && recordingDatasource !== undefined && (
        // Grafana runs the recording rules of one datasource per group: the SLOs of one datasource at a time.
        <GrafanaRecordingPanel
          chosen={chosen}
          all={(slos ?? []).filter((slo) => datasourceOf(slo, settings.datasourceUid) === recordingDatasource)}
          settings={{ ...settings, datasourceUid: recordingDatasource }}
        />
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  preview: css({ width: '100%', fontFamily: theme.typography.fontFamilyMonospace }),
  editor: css({ border: `1px solid ${theme.colors.border.weak}` }),
});
