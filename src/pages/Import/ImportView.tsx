import React, { useState } from 'react';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import {
  Alert,
  Button,
  Checkbox,
  Field,
  FileDropzone,
  FileDropzoneDefaultChildren,
  Stack,
  Text,
  TextArea,
} from '@grafana/ui';
import { CANNOT_CREATE_SLOS, canCreateSlos } from '../../api/permissions';
import type { AppSettings } from '../../settings';
import { listSlos, saveSlo } from '../../api/sloStore';
import { errorMessage } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { canImport, planImport, type ImportCandidate, type ImportFile, type ImportPlan } from './importPlan';
import { SceneLoader } from '../../scenes/SceneLoader';

export interface ImportState extends SceneObjectState {
  settings: AppSettings;
  files: ImportFile[];
  plan?: ImportPlan;
  /** Keys of candidates the user unticked. */
  excluded: string[];
  results: Record<string, string>;
  saving?: boolean;
}

type ExistingSlo = { name: string; uid: string };

export class ImportView extends SceneObjectBase<ImportState> {
  static Component = ImportRenderer;

  /** The stored SLOs, which the files are checked against. */
  readonly existing = new SceneLoader<ExistingSlo[]>({
    load: async (signal) =>
      (await listSlos(this.state.settings.sloFolderUid, signal)).flatMap((e) =>
        e.kind === 'ok' ? [{ name: e.slo.name, uid: e.slo.uid }] : []
      ),
  });

  constructor(state: ImportState) {
    super(state);
    this.setState({ $behaviors: [this.existing] });
    this.addActivationHandler(() => {
      const sub = this.existing.subscribeToState(({ data }, previous) => {
        if (data && data !== previous.data) {
          this.setState({ plan: planImport(this.state.files, data) });
        }
      });
      return () => sub.unsubscribe();
    });
  }

  addFiles = (added: ImportFile[]) => {
    const files = [...this.state.files.filter((f) => !added.some((a) => a.name === f.name)), ...added];
    this.setState({ files, plan: planImport(files, this.existing.state.data ?? []), results: {} });
  };

  toggle = (key: string) => {
    const { excluded } = this.state;
    this.setState({ excluded: excluded.includes(key) ? excluded.filter((k) => k !== key) : [...excluded, key] });
  };

  chosen(): ImportCandidate[] {
    return (this.state.plan?.candidates ?? []).filter((c) => canImport(c) && !this.state.excluded.includes(c.key));
  }

  save = async () => {
    this.setState({ saving: true });
    const results: Record<string, string> = {};
    for (const candidate of this.chosen()) {
      try {
        await saveSlo(candidate.slo, { folderUid: this.state.settings.sloFolderUid, indexByListing: true });
        results[candidate.key] = 'saved';
      } catch (error) {
        results[candidate.key] = errorMessage(error);
      }
    }
    this.setState({ results, saving: false });
    await this.existing.refresh();
  };
}

async function readFiles(files: readonly File[]): Promise<ImportFile[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
}

function ImportRenderer({ model }: SceneComponentProps<ImportView>) {
  const { plan, excluded, results, saving } = model.useState();
  const { error } = model.existing.useState();
  const [pasted, setPasted] = useState('');
  const [pasteCount, setPasteCount] = useState(1);
  const addPasted = () => {
    model.addFiles([{ name: `pasted-${pasteCount}.yaml`, text: pasted }]);
    setPasteCount(pasteCount + 1);
    setPasted('');
  };
  return (
    <Stack direction="column" gap={2} data-testid={testIds.import.container}>
      {error && <Alert title="Could not list the stored SLOs">{error}</Alert>}
      <Field
        label="Upload files"
        description="Native, OpenSLO, Sloth or Pyrra YAML (or JSON), one or more documents each"
      >
        <div data-testid={testIds.import.fileInput}>
          <FileDropzone
            id="burnrate-import-files"
            options={{
              accept: ['.yaml', '.yml', '.json'],
              multiple: true,
              onDrop: async (files: File[]) => model.addFiles(await readFiles(files)),
            }}
            // The files read are listed below with what each holds.
            fileListRenderer={() => null}
          >
            <FileDropzoneDefaultChildren primaryText="Drop SLO files here or click to choose" />
          </FileDropzone>
        </div>
      </Field>
      <Field label="Or paste YAML">
        <TextArea
          rows={8}
          value={pasted}
          onChange={(e) => setPasted(e.currentTarget.value)}
          data-testid={testIds.import.paste}
        />
      </Field>
      <div>
        <Button
          variant="secondary"
          disabled={pasted.trim() === ''}
          onClick={addPasted}
          data-testid={testIds.import.addPasted}
        >
          Read pasted YAML
        </Button>
      </div>
      {plan?.fileIssues.map(({ file, issues }) => (
        <Alert
          key={file}
          title={`Problems in ${file}`}
          severity={issues.some((i) => i.severity === 'error') ? 'error' : 'warning'}
          data-testid={testIds.import.fileIssues}
        >
          <ul>
            {issues.map((i, n) => (
              <li key={n}>
                {i.slo ? `${i.slo}: ` : ''}
                {i.path ? <code>{i.path}</code> : null} {i.message}
              </li>
            ))}
          </ul>
        </Alert>
      ))}
      {plan && plan.candidates.length > 0 && (
        <Field label="SLOs to save">
          <Stack direction="column" gap={1}>
            {plan.candidates.map((c) => (
              <CandidateRow
                key={c.key}
                candidate={c}
                checked={canImport(c) && !excluded.includes(c.key)}
                result={results[c.key]}
                onToggle={() => model.toggle(c.key)}
              />
            ))}
          </Stack>
        </Field>
      )}
      {plan && plan.candidates.length > 0 && (
        <div>
          <Button
            disabled={saving || model.chosen().length === 0 || !canCreateSlos()}
            tooltip={canCreateSlos() ? undefined : CANNOT_CREATE_SLOS}
            onClick={model.save}
            data-testid={testIds.import.save}
          >
            {saving ? 'Saving...' : `Save ${model.chosen().length} SLO(s)`}
          </Button>
        </div>
      )}
    </Stack>
  );
}

interface RowProps {
  candidate: ImportCandidate;
  checked: boolean;
  result?: string;
  onToggle: () => void;
}

function CandidateRow({ candidate, checked, result, onToggle }: RowProps) {
  const errors = candidate.issues.filter((i) => i.severity === 'error');
  return (
    <Stack direction="column" gap={0}>
      <Checkbox
        label={`${candidate.slo.name} (${candidate.format}, ${candidate.file})`}
        value={checked}
        disabled={!canImport(candidate)}
        onChange={onToggle}
        data-testid={testIds.import.sloCheckbox}
      />
      {candidate.exists && (
        <Text color="warning" data-testid={testIds.import.conflict}>
          An SLO named {candidate.slo.name} already exists: it is not imported.
        </Text>
      )}
      {errors.map((i, n) => (
        <Text key={n} color="error">
          {i.path}: {i.message}
        </Text>
      ))}
      {result && (
        <Text color={result === 'saved' ? 'success' : 'error'} data-testid={testIds.import.result}>
          {result === 'saved' ? 'Saved' : result}
        </Text>
      )}
    </Stack>
  );
}
