import React, { useState } from 'react';
import { Button, Checkbox, Combobox, Field, Input, MultiCombobox, Stack, Text, type ComboboxOption } from '@grafana/ui';
import type { AlertmanagerChoice } from '../../api/alertmanager';
import { testIds } from '../../components/testIds';
import { checkScheduleForm, type ScheduleField, type ScheduleForm } from './maintenanceRows';

export interface SloOption {
  uid: string;
  name: string;
  service: string;
}

interface Props {
  initial: ScheduleForm;
  slos: SloOption[];
  alertmanagers: AlertmanagerChoice[];
  saving: boolean;
  /** Problems the save found (a clash with an SLO's own windows), by field. */
  saveProblems: Array<{ field: ScheduleField; message: string }>;
  onSubmit: (form: ScheduleForm) => void;
  onCancel: () => void;
}

/**
 * Schedules one window for one or more SLOs. Times are UTC, as in the rules; each problem is shown by
 * its field as the form changes, and the form is refused while there are any.
 */
export function ScheduleMaintenanceForm({
  initial,
  slos,
  alertmanagers,
  saving,
  saveProblems,
  onSubmit,
  onCancel,
}: Props) {
  const [form, setForm] = useState(initial);
  const [touched, setTouched] = useState(false);
  const problems = [...checkScheduleForm(form), ...saveProblems];
  const problemOf = (field: ScheduleField) =>
    touched || field !== 'sloUids' ? problems.find((p) => p.field === field)?.message : undefined;
  const options: Array<ComboboxOption<string>> = slos.map((s) => ({
    value: s.uid,
    label: s.name,
    description: s.service,
  }));
  const services = [...new Set(slos.map((s) => s.service))].sort();
  const update = (change: Partial<ScheduleForm>) => setForm((f) => ({ ...f, ...change }));
  const submit = () => {
    setTouched(true);
    if (problems.length === 0) {
      onSubmit(form);
    }
  };
  return (
    <form
      data-testid={testIds.maintenance.form}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack direction="column" gap={1}>
        <Text element="h3">Schedule maintenance</Text>
        {/* The test id on a wrapper: Field passes `invalid` on to its child, which must be the combobox. */}
        <div data-testid={testIds.maintenance.slos}>
          <Field
            label="SLOs"
            description="The SLOs whose events the window leaves out."
            invalid={problemOf('sloUids') !== undefined}
            error={problemOf('sloUids')}
          >
            <MultiCombobox
              width={60}
              options={options}
              value={form.sloUids}
              placeholder="Choose SLOs"
              onChange={(chosen) => update({ sloUids: chosen.map((c) => c.value) })}
            />
          </Field>
        </div>
        {services.length > 1 && (
          <Stack gap={1} wrap="wrap">
            <Text color="secondary">All of a service:</Text>
            {services.map((service) => (
              <Button
                key={service}
                size="sm"
                variant="secondary"
                fill="outline"
                type="button"
                onClick={() =>
                  update({
                    sloUids: [
                      ...new Set([...form.sloUids, ...slos.filter((s) => s.service === service).map((s) => s.uid)]),
                    ],
                  })
                }
              >
                {service}
              </Button>
            ))}
          </Stack>
        )}
        <Stack gap={2} wrap="wrap">
          <Field label="Start (UTC)" invalid={problemOf('start') !== undefined} error={problemOf('start')}>
            <Input
              type="datetime-local"
              data-testid={testIds.maintenance.start}
              value={form.start}
              onChange={(e) => update({ start: e.currentTarget.value })}
            />
          </Field>
          <Field label="End (UTC)" invalid={problemOf('end') !== undefined} error={problemOf('end')}>
            <Input
              type="datetime-local"
              data-testid={testIds.maintenance.end}
              value={form.end}
              onChange={(e) => update({ end: e.currentTarget.value })}
            />
          </Field>
        </Stack>
        <Checkbox
          label="Every week"
          description="The same hours again every 7 days, until the window is removed."
          value={form.weekly}
          onChange={(e) => update({ weekly: e.currentTarget.checked })}
        />
        <Field
          label="Reason"
          description="Shown on the dashboards and in reports."
          invalid={touched && problemOf('reason') !== undefined}
          error={touched ? problemOf('reason') : undefined}
        >
          <Input
            data-testid={testIds.maintenance.reason}
            value={form.reason}
            placeholder="Database upgrade"
            onChange={(e) => update({ reason: e.currentTarget.value })}
          />
        </Field>
        <Stack gap={2} alignItems="center" wrap="wrap">
          <Checkbox
            label="Also create an Alertmanager silence"
            description="For the alerts of these SLOs, over the window (a weekly one: its next occurrence) and 5 minutes after: it covers the time until the new rules are deployed."
            value={form.silence}
            onChange={(e) => update({ silence: e.currentTarget.checked })}
            data-testid={testIds.maintenance.silence}
          />
          {form.silence && (
            <Field label="Alertmanager">
              <Combobox
                width={30}
                options={alertmanagers.map((a) => ({ value: a.uid, label: a.name }))}
                value={form.alertmanagerUid}
                onChange={(option) => update({ alertmanagerUid: option.value })}
              />
            </Field>
          )}
        </Stack>
        <Stack gap={1}>
          <Button type="submit" disabled={saving} data-testid={testIds.maintenance.save}>
            {saving ? 'Scheduling...' : 'Schedule'}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </Stack>
      </Stack>
    </form>
  );
}
