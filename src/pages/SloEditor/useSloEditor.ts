import { useMemo, useState } from 'react';
import type { Slo, TierName } from '../../slo/types';
import { parseNativeDocument } from '../../formats/native';
import type { SaveResult, StoredSlo } from '../../api/sloStore';
import { errorMessage, SloConflictError, SloExistsError } from '../../api/errors';
import {
  applyTier,
  duplicateForm,
  emptyForm,
  formFromTemplate,
  rebaseForm,
  sloToForm,
  type SloFormState,
} from './sloForm';
import { evaluateForm, evaluateYaml } from './formChecks';
import { formToYaml } from './formDocument';
import { useLeavePrompt } from './useLeavePrompt';

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
export function useSloEditor(
  stored: StoredSlo | undefined,
  evaluationInterval: string,
  actions: EditorActions,
  source?: Slo
) {
  const [base, setBase] = useState(stored);
  const [mode, setMode] = useState<'form' | 'yaml'>('form');
  const [reviewing, setReviewing] = useState(false);
  const [form, setForm] = useState<SloFormState>(() =>
    stored ? sloToForm(stored.slo) : source ? duplicateForm(source) : emptyForm()
  );
  const [initialYaml] = useState(() => formToYaml(form, stored?.slo, stored?.slo ?? source));
  const [yamlText, setYamlText] = useState('');
  const [showSummary, setShowSummary] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  const [conflict, setConflict] = useState<Conflict>();
  const options = { base: base?.slo, source, evaluationInterval };
  const formResult = useMemo(() => evaluateForm(form, options), [form, base, evaluationInterval]); // eslint-disable-line react-hooks/exhaustive-deps
  const yamlResult = useMemo(() => evaluateYaml(yamlText, options), [yamlText, base, evaluationInterval]); // eslint-disable-line react-hooks/exhaustive-deps
  const current = mode === 'form' ? formResult : yamlResult;
  const myYaml = mode === 'form' ? formToYaml(form, base?.slo, base?.slo ?? source) : yamlText;
  const dirty = myYaml !== initialYaml;
  const leavePrompt = useLeavePrompt(dirty);

  const toYaml = () => {
    if (mode === 'form') {
      setYamlText(formToYaml(form, base?.slo, base?.slo ?? source));
    }
    setMode('yaml');
    setReviewing(false);
  };
  /** Back to the form when the YAML is a document the form can show; otherwise stay. */
  const toForm = (): boolean => {
    if (mode === 'form') {
      setReviewing(false);
      return true;
    }
    const slo = parseNativeDocument(yamlResult.document).slo;
    if (!slo) {
      setShowSummary(true);
      return false;
    }
    setForm(sloToForm(slo));
    setMode('form');
    setReviewing(false);
    return true;
  };
  const review = () => setReviewing(true);
  const startFromTemplate = (templateId: string) => setForm((f) => formFromTemplate(templateId, f));
  const startFromTier = (tier: TierName) => setForm((f) => applyTier(f, tier));
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
      leavePrompt.allowLeave();
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
      setForm((f) => rebaseForm(f, base.slo, theirs.slo));
      setBase(theirs);
      setConflict({ message: conflict?.message ?? '', theirs });
    } catch (error) {
      setSaveError(errorMessage(error));
    }
  };

  return {
    base,
    mode,
    reviewing,
    review,
    startFromTemplate,
    startFromTier,
    dirty,
    leavePrompt,
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
