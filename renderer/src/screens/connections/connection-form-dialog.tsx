import { useRef, useState, type ReactNode } from 'react';
import type { AwsProfile, Connection } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { Badge } from '../../components/badge';
import { Field } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import {
  FIELD_ORDER,
  parseRegions,
  validateConnectionForm,
  type ConnectionFormErrors,
  type ConnectionFormField,
  type ConnectionFormValues,
} from './connection-form-model';
import { useCreateConnection, useSetConnectionSchedule, useUpdateConnection } from './mutations';
import { parseScheduleForm, sameSchedule, scheduleFormValues, timeZoneChoices, type ScheduleFormValues } from './schedule-model';
import { PROFILE_KINDS } from './profile-kind';
import { TEXT_LIMITS } from '../../lib/text-limits';

export type ConnectionFormTarget = { mode: 'create'; values: ConnectionFormValues } | { mode: 'edit'; connection: Connection; values: ConnectionFormValues };

export interface ConnectionFormDialogProps {
  target: ConnectionFormTarget;
  /** Profiles to pick from; null when they could not be read (then the name is typed). */
  profiles: readonly AwsProfile[] | null;
  /** Names of the other saved connections (a name must be unique). */
  otherNames: readonly string[];
  onClose: () => void;
  onSaved: (connection: Connection) => void;
}

/** Add or edit a connection: name, profile, optional role and external ID, regions. Enter submits. */
export function ConnectionFormDialog({ target, profiles, otherNames, onClose, onSaved }: ConnectionFormDialogProps): ReactNode {
  const create = useCreateConnection();
  const update = useUpdateConnection();
  const setSchedule = useSetConnectionSchedule();
  const [values, setValues] = useState<ConnectionFormValues>(target.values);
  const [errors, setErrors] = useState<ConnectionFormErrors>({});
  const [schedule, setScheduleValues] = useState<ScheduleFormValues>(() => scheduleFormValues(target.mode === 'edit' ? target.connection.schedule : { kind: 'off' }));
  const [scheduleError, setScheduleError] = useState<{ field: 'hours' | 'at' | 'timeZone'; message: string } | null>(null);
  const setScheduleField = (field: keyof ScheduleFormValues) => (value: string) => {
    setScheduleValues((current) => ({ ...current, [field]: value }));
    setScheduleError(null);
  };
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = (field: ConnectionFormField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    // Clear a field's message as soon as it is being fixed.
    if (errors[field] !== undefined) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const focusField = (field: ConnectionFormField): void => {
    formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  };

  const submit = (): void => {
    const checked = validateConnectionForm(values, otherNames);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = FIELD_ORDER.find((field) => checked.errors[field] !== undefined);
      if (first !== undefined) focusField(first);
      return;
    }
    const scheduled = parseScheduleForm(schedule);
    if (!scheduled.ok) {
      setScheduleError({ field: scheduled.field, message: scheduled.message });
      formRef.current?.querySelector<HTMLElement>(`[name="schedule-${scheduled.field}"]`)?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    const request = (
      target.mode === 'create' ? create.mutateAsync(checked.input) : update.mutateAsync({ id: target.connection.id, ...checked.input })
    ).then((saved) =>
      // The schedule is its own audited change: sent only when it changed.
      sameSchedule(saved.schedule, scheduled.schedule) ? saved : setSchedule.mutateAsync({ id: saved.id, schedule: scheduled.schedule }),
    );
    request.then(
      (saved) => {
        setBusy(false);
        onSaved(saved);
      },
      (failure: unknown) => {
        setBusy(false);
        const error = toApiError(failure);
        if (error.code === 'conflict') {
          setErrors((current) => ({ ...current, name: error.message }));
          focusField('name');
        } else {
          setFormError(error.message);
        }
      },
    );
  };

  const regionPreview = parseRegions(values.regions);
  const selectedProfile = profiles?.find((profile) => profile.name === values.profile);
  const profileChoices =
    profiles !== null && profiles.length > 0 && values.profile !== '' && selectedProfile === undefined
      ? [...profiles.map((profile) => profile.name), values.profile]
      : (profiles ?? []).map((profile) => profile.name);

  return (
    <FormDialog
      title={target.mode === 'create' ? 'Add connection' : `Edit “${target.connection.name}”`}
      description="Agent Warden stores the profile name, the role ARN and the regions — never keys or tokens."
      formLabel={target.mode === 'create' ? 'Add connection' : 'Edit connection'}
      submitLabel={target.mode === 'create' ? 'Add connection' : 'Save changes'}
      onSubmit={submit}
      onClose={onClose}
      busy={busy}
      error={formError}
      errorTitle="The connection was not saved"
      errorAbove
      formRef={formRef}
    >
      <Field
        label="Name"
        error={errors.name}
        hint="How this account appears in Agent Warden, e.g. “Production”."
        limit={{ max: TEXT_LIMITS.connectionName, length: values.name.length }}
      >
        {(control) => (
          <input
            {...control}
            name="name"
            className="input"
            autoComplete="off"
            maxLength={TEXT_LIMITS.connectionName}
            data-autofocus
            value={values.name}
            onChange={(event) => set('name')(event.target.value)}
          />
        )}
      </Field>

      <Field
        label="AWS profile"
        error={errors.profile}
        hint={
          selectedProfile !== undefined
            ? `${PROFILE_KINDS[selectedProfile.kind].label} profile${selectedProfile.region !== null ? `, region ${selectedProfile.region}` : ''}.`
            : profiles === null || profiles.length === 0
              ? 'The profile name as written in ~/.aws/config or ~/.aws/credentials.'
              : 'Credentials are read from this profile when you test or scan, and kept in memory only.'
        }
      >
        {(control) =>
          profileChoices.length > 0 ? (
            <select {...control} name="profile" className="select" value={values.profile} onChange={(event) => set('profile')(event.target.value)}>
              <option value="">Choose a profile…</option>
              {profileChoices.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          ) : (
            <input
              {...control}
              name="profile"
              className="input input--mono"
              autoComplete="off"
              spellCheck={false}
              value={values.profile}
              onChange={(event) => set('profile')(event.target.value)}
            />
          )
        }
      </Field>

      <div className="form__row form__row--wide-first">
        <Field label="Role to assume" optional error={errors.roleArn} hint="A read-only role in the account to scan, for cross-account access.">
          {(control) => (
            <input
              {...control}
              name="roleArn"
              className="input input--mono"
              autoComplete="off"
              spellCheck={false}
              placeholder="arn:aws:iam::…:role/…"
              value={values.roleArn}
              onChange={(event) => set('roleArn')(event.target.value)}
            />
          )}
        </Field>
        <Field label="External ID" optional error={errors.externalId} hint="If the role’s trust policy asks for one.">
          {(control) => (
            <input
              {...control}
              name="externalId"
              className="input input--mono"
              autoComplete="off"
              spellCheck={false}
              value={values.externalId}
              onChange={(event) => set('externalId')(event.target.value)}
            />
          )}
        </Field>
      </div>

      <Field
        label="Regions to scan"
        optional
        error={errors.regions}
        hint="Region codes separated by commas, e.g. eu-west-1, us-east-1. Leave empty to use the profile’s region."
      >
        {(control) => (
          <input
            {...control}
            name="regions"
            className="input input--mono"
            autoComplete="off"
            spellCheck={false}
            placeholder="eu-west-1, us-east-1"
            value={values.regions}
            onChange={(event) => set('regions')(event.target.value)}
          />
        )}
      </Field>
      {regionPreview.regions.length > 0 ? (
        <ul className="chip-list form__chips" aria-label="Regions that will be scanned">
          {regionPreview.regions.map((region) => (
            <li key={region}>
              <Badge tone="accent">{region}</Badge>
            </li>
          ))}
        </ul>
      ) : null}

      <fieldset className="fieldset conn-schedule-fields">
        <legend className="field__label">Scheduled scans</legend>
        <Field
          label="Scan on a schedule"
          hint="Runs while Agent Warden is open (or in the tray). A run missed while the computer slept runs once when it wakes."
        >
          {(control) => (
            <select {...control} name="schedule-kind" className="select" value={schedule.kind} onChange={(event) => setScheduleField('kind')(event.target.value)}>
              <option value="off">Off</option>
              <option value="every">Every few hours</option>
              <option value="daily">Daily at a time</option>
            </select>
          )}
        </Field>
        {schedule.kind === 'every' ? (
          <Field label="Every (hours)" error={scheduleError?.field === 'hours' ? scheduleError.message : undefined} hint="1 to 168 hours (a week).">
            {(control) => (
              <input
                {...control}
                name="schedule-hours"
                className="input"
                type="number"
                inputMode="numeric"
                min={1}
                max={168}
                step={1}
                value={schedule.hours}
                onChange={(event) => setScheduleField('hours')(event.target.value)}
              />
            )}
          </Field>
        ) : null}
        {schedule.kind === 'daily' ? (
          <div className="form__row">
            <Field label="At" error={scheduleError?.field === 'at' ? scheduleError.message : undefined} hint="The wall-clock time in the chosen zone.">
              {(control) => (
                <input {...control} name="schedule-at" className="input" type="time" value={schedule.at} onChange={(event) => setScheduleField('at')(event.target.value)} />
              )}
            </Field>
            <Field label="Time zone" error={scheduleError?.field === 'timeZone' ? scheduleError.message : undefined} hint="The time stays the same across daylight-saving changes.">
              {(control) => (
                <select {...control} name="schedule-timeZone" className="select" value={schedule.timeZone} onChange={(event) => setScheduleField('timeZone')(event.target.value)}>
                  {timeZoneChoices(schedule.timeZone).map((zone) => (
                    <option key={zone} value={zone}>
                      {zone}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        ) : null}
      </fieldset>
    </FormDialog>
  );
}
