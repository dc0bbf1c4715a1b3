import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Checkbox, IconButton, Input, Stack, Text, TextArea, useStyles2 } from '@grafana/ui';
import { loadReview, saveReview, type StoredReview } from '../../api/reviewStore';
import {
  authorshipText,
  conflictText,
  edited,
  timeText,
  mergeReviews,
  movedFromBrowser,
  newEntryId,
  toReviewNotes,
  withEntries,
  type MergeConflict,
  type SharedAction,
  type SharedNote,
  type SharedReview,
} from '../../decisions/sharedReview';
import type { ReviewNotes } from '../../decisions/weeklyReview';
import { testIds } from '../../components/testIds';
import { currentUserLogin } from '../../utils/currentUser';
import { useLoader } from '../../utils/useLoader';
import { browserNotes, forgetBrowserNotes, weeksInBrowser } from './browserNotes';

interface Props {
  week: string;
  /** The folder of the SLOs, where the reviews are stored beside them. */
  folderUid: string;
  /** The notes as the Markdown export reads them, on every change. */
  onChange: (notes: ReviewNotes) => void;
}

interface Loaded {
  week: string;
  /** The review as last read from or saved to Grafana. */
  stored: StoredReview;
  /** The user's edits of it, saved with "Save notes". */
  draft: SharedReview;
  /** Entries someone else changed too, from the last save or reload: theirs was kept. */
  conflicts: MergeConflict[];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The week's notes and action items, shared by everyone who opens the review: stored in Grafana beside the SLOs
 * with who wrote each entry and when. A save merges with what others saved meanwhile; what could not be merged
 * is shown. Notes an earlier version kept in this browser are offered for moving into Grafana.
 */
export function SharedNotes({ week, folderUid, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const initial = useLoader(async (signal) => ({ week, stored: await loadReview(week, signal) }), [week]);
  // Edits, saves and reloads of the week, over the review as first read.
  const [changed, setChanged] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [inBrowser, setInBrowser] = useState<string[]>(() => weeksInBrowser());
  const [moved, setMoved] = useState<string | undefined>();
  const first = initial.data?.week === week ? initial.data.stored : undefined;
  const loaded: Loaded | undefined =
    changed?.week === week ? changed : first && { week, stored: first, draft: first.review, conflicts: [] };
  const draft = loaded?.draft;
  /** Applies a change to the week's state as it is when the change lands. */
  const update = (next: (current: Loaded) => Loaded) =>
    setChanged((c) => {
      const current = c?.week === week ? c : loaded;
      return current && next(current);
    });

  useEffect(() => {
    onChange(draft ? toReviewNotes(draft) : { notes: '', actions: [] });
  }, [draft, onChange]);

  /** Reads the week again; unsaved edits stay, merged into what others saved. */
  const read = async () => {
    const stored = await loadReview(week);
    update((current) => {
      if (same(current.draft, current.stored.review)) {
        return { week, stored, draft: stored.review, conflicts: [] };
      }
      const merged = mergeReviews(current.stored.review, current.draft, stored.review);
      return { week, stored, draft: merged.review, conflicts: merged.conflicts };
    });
    setError(undefined);
  };

  if (!loaded || !draft) {
    return initial.error ? (
      <Alert title="The week's notes could not be read" data-testid={testIds.review.notesError}>
        {initial.error}
      </Alert>
    ) : (
      <Text color="secondary">Reading the week&apos;s notes...</Text>
    );
  }
  const { stored, conflicts } = loaded;
  const editable = stored.canSave && !stored.broken;
  const dirty = !same(draft, stored.review);
  const user = currentUserLogin();
  const setDraft = (change: (d: SharedReview) => SharedReview) => update((l) => ({ ...l, draft: change(l.draft) }));
  const isStored = (id: string, entries: ReadonlyArray<{ id: string }>) => entries.some((e) => e.id === id);
  // Entries already saved record who changed them; a new one is still its author's first version.
  const change = <T extends SharedNote | SharedAction>(entry: T, patch: Partial<T>, storedEntries: readonly T[]): T =>
    isStored(entry.id, storedEntries)
      ? edited(entry, patch, user, new Date().toISOString())
      : { ...entry, ...patch, at: new Date().toISOString() };

  const save = async () => {
    setSaving(true);
    setError(undefined);
    const sent = draft;
    try {
      const result = await saveReview(stored, sent, folderUid);
      // What the user typed while saving stays, on top of what was saved.
      update((l) => ({
        week,
        stored: result.saved,
        draft: mergeReviews(sent, l.draft, result.saved.review).review,
        conflicts: result.conflicts,
      }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const moveFromBrowser = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const at = new Date().toISOString();
      for (const w of inBrowser) {
        const target = await loadReview(w);
        const additions = movedFromBrowser(w, browserNotes(w), user, at);
        const review = withEntries(target.review, additions);
        if (!same(review, target.review)) {
          await saveReview(target, review, folderUid);
        }
        forgetBrowserNotes(w);
      }
      setMoved(`Moved the notes of ${inBrowser.join(', ')} from this browser into Grafana.`);
      setInBrowser(weeksInBrowser());
      await read();
    } catch (e) {
      setError(errorText(e));
      setInBrowser(weeksInBrowser());
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {inBrowser.length > 0 && (
        <Alert severity="info" title="Notes kept in this browser" data-testid={testIds.review.moveOffer}>
          <Stack direction="column" gap={1} alignItems="flex-start">
            <span>
              This browser holds notes or action items of the weeks {inBrowser.join(', ')} from before reviews were
              shared. Move them into Grafana to share them with the team; this browser forgets them once moved.
            </span>
            <Button size="sm" onClick={moveFromBrowser} disabled={saving} data-testid={testIds.review.moveNotes}>
              Move into Grafana
            </Button>
          </Stack>
        </Alert>
      )}
      {moved && (
        <Text element="p" color="success" data-testid={testIds.review.moved}>
          {moved}
        </Text>
      )}
      {stored.broken && (
        <Alert title="The stored notes of this week cannot be read" data-testid={testIds.review.notesError}>
          {stored.broken}. They are left as they are: fix or delete the dashboard in Grafana.
        </Alert>
      )}
      {!stored.canSave && !stored.broken && (
        <Text color="secondary">
          You can read this week&apos;s notes; saving them needs edit rights on the SLO folder.
        </Text>
      )}
      <section className={styles.section} data-testid={testIds.review.notes}>
        <Text element="h2">4. Notes</Text>
        <Text color="secondary">
          Shared with everyone who opens this week&apos;s review; part of the Markdown export.
        </Text>
        {draft.notes.length === 0 && <Text color="secondary">No notes yet.</Text>}
        {draft.notes.map((note, i) => (
          <div key={note.id} className={styles.entry} data-testid={testIds.review.note}>
            <Stack gap={1} alignItems="flex-start">
              <TextArea
                rows={3}
                aria-label={`Note ${i + 1}`}
                value={note.text}
                disabled={!editable}
                onChange={(e) => {
                  const text = e.currentTarget.value;
                  setDraft((d) => ({
                    ...d,
                    notes: d.notes.map((n) => (n.id === note.id ? change(n, { text }, stored.review.notes) : n)),
                  }));
                }}
              />
              <IconButton
                name="trash-alt"
                aria-label={`Remove note ${i + 1}`}
                disabled={!editable}
                onClick={() => setDraft((d) => ({ ...d, notes: d.notes.filter((n) => n.id !== note.id) }))}
              />
            </Stack>
            <Text variant="bodySmall" color="secondary" data-testid={testIds.review.author}>
              {authorshipText(note)}
            </Text>
          </div>
        ))}
        <div>
          <Button
            size="sm"
            variant="secondary"
            icon="plus"
            disabled={!editable}
            onClick={() => {
              const note = { id: newEntryId(), text: '', by: user, at: new Date().toISOString() };
              setDraft((d) => ({ ...d, notes: [...d.notes, note] }));
            }}
            data-testid={testIds.review.addNote}
          >
            Add a note
          </Button>
        </div>
      </section>
      <section className={styles.section}>
        <Text element="h2">5. Action items</Text>
        {draft.actions.map((action, i) => {
          const set = (patch: Partial<SharedAction>) =>
            setDraft((d) => ({
              ...d,
              actions: d.actions.map((a) => (a.id === action.id ? change(a, patch, stored.review.actions) : a)),
            }));
          return (
            <div key={action.id} className={styles.entry} data-testid={testIds.review.action}>
              <Stack gap={1} alignItems="center" wrap="wrap">
                <Checkbox
                  value={action.done}
                  aria-label={`Action ${i + 1} done`}
                  disabled={!editable}
                  onChange={(e) => set({ done: e.currentTarget.checked })}
                />
                <Input
                  width={50}
                  placeholder="What to do"
                  aria-label={`Action ${i + 1}`}
                  value={action.text}
                  disabled={!editable}
                  onChange={(e) => set({ text: e.currentTarget.value })}
                />
                <Input
                  width={20}
                  placeholder="Owner"
                  aria-label={`Action ${i + 1} owner`}
                  value={action.owner}
                  disabled={!editable}
                  onChange={(e) => set({ owner: e.currentTarget.value })}
                />
                <Input
                  width={18}
                  type="date"
                  aria-label={`Action ${i + 1} due`}
                  value={action.due ?? ''}
                  disabled={!editable}
                  onChange={(e) => set({ due: e.currentTarget.value || undefined })}
                />
                <IconButton
                  name="trash-alt"
                  aria-label={`Remove action ${i + 1}`}
                  disabled={!editable}
                  onClick={() => setDraft((d) => ({ ...d, actions: d.actions.filter((a) => a.id !== action.id) }))}
                />
              </Stack>
              <Text variant="bodySmall" color="secondary" data-testid={testIds.review.author}>
                {authorshipText(action)}
              </Text>
            </div>
          );
        })}
        <div>
          <Button
            size="sm"
            variant="secondary"
            icon="plus"
            disabled={!editable}
            onClick={() => {
              const action = {
                id: newEntryId(),
                text: '',
                owner: '',
                done: false,
                by: user,
                at: new Date().toISOString(),
              };
              setDraft((d) => ({ ...d, actions: [...d.actions, action] }));
            }}
            data-testid={testIds.review.addAction}
          >
            Add an action item
          </Button>
        </div>
      </section>
      <Stack gap={2} alignItems="center" wrap="wrap">
        <Button onClick={save} disabled={!editable || !dirty || saving} data-testid={testIds.review.saveNotes}>
          {saving ? 'Saving...' : 'Save notes'}
        </Button>
        <Button
          variant="secondary"
          icon="sync"
          disabled={saving}
          onClick={() => read().catch((e: unknown) => setError(errorText(e)))}
          data-testid={testIds.review.reloadNotes}
        >
          Show others&apos; changes
        </Button>
        <Text color={dirty ? 'warning' : 'secondary'} data-testid={testIds.review.notesStatus}>
          {dirty
            ? 'Unsaved changes'
            : stored.stored
              ? `Saved${stored.updatedBy ? ` by ${stored.updatedBy}` : ''}${stored.updated ? ` at ${timeText(stored.updated)}` : ''}`
              : 'Nothing saved for this week yet'}
        </Text>
      </Stack>
      {error && (
        <Alert title="The notes could not be saved" data-testid={testIds.review.notesError}>
          {error}
        </Alert>
      )}
      {conflicts.length > 0 && (
        <Alert
          severity="warning"
          title="Someone else changed the same entries"
          data-testid={testIds.review.notesConflict}
          onRemove={() => update((l) => ({ ...l, conflicts: [] }))}
        >
          <ul>
            {conflicts.map((c, i) => (
              <li key={i}>{conflictText(c)}</li>
            ))}
          </ul>
        </Alert>
      )}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  entry: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), maxWidth: 960 }),
});
