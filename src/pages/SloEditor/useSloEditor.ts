import { useMemo, useState } from 'react';
import type { Slo } from '../../slo/types';
import { parseNativeDocument } from '../../formats/native';
import type { SaveResult, StoredSlo } from '../../api/sloStore';
import { errorMessage, SloConflictError, SloExistsError } from '../../api/errors';
import { emptyForm, evaluateForm, evaluateYaml, formToYaml, sloToForm, type SloFormState } from './sloForm';

export interface EditorActions {
  save: (slo: Slo, previous?: StoredSlo) => Promise<SaveResult>;
  reload: (sloUid: string) => Promise<StoredSlo>;
  onSaved: (slo: Slo) => void;
}

export interface Conflict {
  message: string;
  /** Their version, once reloaded: the user's edit now applies on top of it. */
  theirs?: StoredSlo;
}

/** State and actions of the SLO editor: form or YAML, validation as the user types, save outcomes. */
export function useSloEditor(stored: StoredSlo | undefined, evaluationInterval: string, actions: EditorActions) {
  const [base, setBase] = useState(stored);
  const [mode, setMode] = useState<'form' | 'yaml'>('form');
  const [form, setForm] = useState<SloFormState>(() => (stored ? sloToForm(stored.slo) : emptyForm()));
  const [yamlText, setYamlText] = useState('');
  const [showSummary, setShowSummary] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  const [conflict, setConflict] = useState<Conflict>();
  const options = { base: base?.slo, evaluationInterval };
  const formResult = useMemo(() => evaluateForm(form, options), [form, base, evaluationInterval]); // eslint-disable-line react-hooks/exhaustive-deps
  const yamlResult = useMemo(() => evaluateYaml(yamlText, options), [yamlText, base, evaluationInterval]); // eslint-disable-line react-hooks/exhaustive-deps
  const current = mode === 'form' ? formResult : yamlResult;
  const myYaml = mode === 'form' ? formToYaml(form, base?.slo) : yamlText;

  const toYaml = () => {
    setYamlText(formToYaml(form, base?.slo));
    setMode('yaml');
  };
  /** Back to the form when the YAML is a document the form can show; otherwise stay. */
  const toForm = (): boolean => {
    const slo = parseNativeDocument(yamlResult.document).slo;
    if (!slo) {
      setShowSummary(true);
      return false;
    }
    setForm(sloToForm(slo));
    setMode('form');
    return true;
  };
  const change = (update: Partial<SloFormState>) => {
    setForm((f) => ({ ...f, ...update }));
    if (update.name !== undefined) {
      setNameError(undefined);
    }
  };

  const save = async () => {
    if (!current.slo) {
      setShowSummary(true);
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      await actions.save(current.slo, base);
      actions.onSaved(current.slo);
    } catch (error) {
      handleSaveError(error);
    } finally {
      setSaving(false);
    }
  };
  const handleSaveError = (error: unknown) => {
    if (error instanceof SloConflictError) {
      setConflict({ message: error.message });
    } else if (error instanceof SloExistsError) {
      setNameError(error.message);
      setShowSummary(true);
    } else {
      setSaveError(errorMessage(error));
    }
  };
  /** Loads their version and keeps the user's edit on top of it, to be reviewed and saved again. */
  const reloadTheirs = async () => {
    if (!base) {
      return;
    }
    try {
      const theirs = await actions.reload(base.slo.uid);
      setBase(theirs);
      setConflict({ message: conflict?.message ?? '', theirs });
    } catch (error) {
      setSaveError(errorMessage(error));
    }
  };

  return {
    base,
    mode,
    form,
    yamlText,
    setYamlText,
    current,
    formResult,
    yamlResult,
    myYaml,
    showSummary,
    saving,
    saveError,
    nameError,
    conflict,
    toYaml,
    toForm,
    change,
    save,
    reloadTheirs,
    isNew: stored === undefined,
  };
}
