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
  Field,
  LoadingPlaceholder,
  RadioButtonGroup,
  Stack,
  TextArea,
  useStyles2,
} from '@grafana/ui';
import type { Slo } from '../../slo/types';
import type { AppSettings } from '../../settings';
import { listSlos } from '../../api/sloStore';
import { errorMessage } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { EXPORT_CHOICES, renderExport, type ExportChoice } from './exportText';

export interface ExportState extends SceneObjectState {
  settings: AppSettings;
  loading: boolean;
  slos?: Slo[];
  /** Uids of the chosen SLOs; none chosen means all. */
  selected: string[];
  format: ExportChoice;
  error?: string;
}

const isChoice = (value: unknown): value is ExportChoice => EXPORT_CHOICES.some((c) => c.value === value);

export class ExportView extends SceneObjectBase<ExportState> {
  static Component = ExportRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['format'] });

  constructor(state: ExportState) {
    super(state);
    this.addActivationHandler(() => {
      const slo = locationService.getSearchObject().slo;
      const selected = Array.isArray(slo) ? slo.map(String) : typeof slo === 'string' ? [slo] : [];
      this.setState({ selected });
      this.load();
    });
  }

  getUrlState() {
    return { format: this.state.format };
  }

  updateFromUrl(values: SceneObjectUrlValues) {
    if (isChoice(values.format) && values.format !== this.state.format) {
      this.setState({ format: values.format });
    }
  }

  async load(): Promise<void> {
    try {
      const entries = await listSlos(this.state.settings.sloFolderUid);
      this.setState({ slos: entries.flatMap((e) => (e.kind === 'ok' ? [e.slo] : [])), loading: false });
    } catch (error) {
      this.setState({ error: errorMessage(error), loading: false });
    }
  }

  toggle = (uid: string) => {
    const { selected } = this.state;
    this.setState({ selected: selected.includes(uid) ? selected.filter((u) => u !== uid) : [...selected, uid] });
  };

  setFormat = (format: ExportChoice) => this.setState({ format });

  chosen(): Slo[] {
    const { slos = [], selected } = this.state;
    return selected.length === 0 ? slos : slos.filter((s) => selected.includes(s.uid));
  }
}

function preview(model: ExportView): { text: string; error?: string } {
  try {
    return { text: renderExport(model.chosen(), model.state.format, model.state.settings) };
  } catch (error) {
    return { text: '', error: errorMessage(error) };
  }
}

function download(text: string, file: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.click();
  URL.revokeObjectURL(url);
}

function ExportRenderer({ model }: SceneComponentProps<ExportView>) {
  const { loading, slos, selected, format, error } = model.useState();
  const styles = useStyles2(getStyles);
  if (loading) {
    return <LoadingPlaceholder text="Loading SLOs..." />;
  }
  const result = preview(model);
  const file = EXPORT_CHOICES.find((c) => c.value === format)?.file ?? 'export.txt';
  return (
    <Stack direction="column" gap={2} data-testid={testIds.export.container}>
      {(error || result.error) && (
        <Alert title="Cannot export" data-testid={testIds.export.error}>
          {error ?? result.error}
        </Alert>
      )}
      <Field label="SLOs" description="None chosen: all of them">
        <Stack direction="column" gap={0.5}>
          {(slos ?? []).map((slo) => (
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
      <Field label="Format">
        <div data-testid={testIds.export.format}>
          <RadioButtonGroup options={EXPORT_CHOICES} value={format} onChange={model.setFormat} />
        </div>
      </Field>
      <Field label="Preview">
        <TextArea
          className={styles.preview}
          rows={24}
          readOnly
          value={result.text}
          data-testid={testIds.export.preview}
        />
      </Field>
      <div>
        <Button
          icon="download-alt"
          disabled={result.text === ''}
          onClick={() => download(result.text, file)}
          data-testid={testIds.export.download}
        >
          Download {file}
        </Button>
      </div>
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  preview: css({ fontFamily: theme.typography.fontFamilyMonospace }),
});
