import { useRef, useState, type ReactNode } from 'react';
import type { AwsProfile, Connection } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { useToast } from '../../app/toast-context';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { useJobs } from '../../jobs/jobs-context';
import { parseRegions } from '../../lib/regions';
import {
  DEFAULT_CHAIN,
  NEW_SCAN_FIELD_ORDER,
  initialTarget,
  parseTargetValue,
  regionsFor,
  scanTitle,
  targetValue,
  validateNewScan,
  type NewScanErrors,
  type NewScanField,
  type NewScanValues,
} from './new-scan-model';

export interface NewScanDialogProps {
  connections: readonly Connection[];
  /** Profiles on this computer; null when they could not be read (a name is typed instead). */
  profiles: readonly AwsProfile[] | null;
  /** Preselect this connection (from a connection's "Scan" button). */
  connectionId: string | null;
  onClose: () => void;
  onStarted: (jobId: string) => void;
}

function regionHint(values: NewScanValues, connections: readonly Connection[], profiles: readonly AwsProfile[]): string {
  const base = 'Region codes separated by commas. IAM is global and always read.';
  const target = values.target;
  if (target.kind === 'connection') {
    const connection = connections.find((c) => c.id === target.connectionId);
    return connection !== undefined && connection.regions.length === 0
      ? `${base} Empty: the region of profile “${connection.profile}”.`
      : `${base} Prefilled from the connection.`;
  }
  if (target.kind === 'profile') {
    const region = profiles.find((p) => p.name === target.name)?.region ?? null;
    return region !== null ? `${base} Prefilled with the profile’s region.` : `${base} Empty: the AWS_REGION of the environment.`;
  }
  return `${base} Empty: the AWS_REGION of the environment.`;
}

/** New scan: whose credentials, which regions (or every enabled one), and optionally the whole organisation. */
export function NewScanDialog({ connections, profiles, connectionId, onClose, onStarted }: NewScanDialogProps): ReactNode {
  const api = useApi();
  const toast = useToast();
  const { track } = useJobs();
  const profileList = profiles ?? [];
  const typedProfileField = connections.length === 0 && profileList.length === 0;
  const [values, setValues] = useState<NewScanValues>(() => {
    const target = initialTarget(connectionId, connections);
    return {
      target,
      typedProfile: '',
      roleArn: '',
      externalId: '',
      regionMode: 'listed',
      regions: regionsFor(target, connections, profileList),
      organization: false,
      memberRoleName: '',
    };
  });
  const [errors, setErrors] = useState<NewScanErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const update = (patch: Partial<NewScanValues>, fields: NewScanField[]): void => {
    setValues((current) => ({ ...current, ...patch }));
    if (fields.some((field) => errors[field] !== undefined)) {
      setErrors((current) => {
        const next = { ...current };
        for (const field of fields) delete next[field];
        return next;
      });
    }
  };

  const submit = (): void => {
    const checked = validateNewScan(values, { typedProfileField });
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = NEW_SCAN_FIELD_ORDER.find((field) => checked.errors[field] !== undefined);
      if (first !== undefined) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    api.invoke('scans:start', checked.request).then(
      ({ jobId }) => {
        setBusy(false);
        track(jobId, 'scan', scanTitle(values.target, connections, values.typedProfile));
        toast('Scan started. Its progress is shown on this screen.', 'info');
        onStarted(jobId);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(toApiError(error).message);
      },
    );
  };

  const usesProfile = values.target.kind === 'profile' || values.target.kind === 'default' || typedProfileField;
  const regionPreview = values.regionMode === 'listed' ? parseRegions(values.regions) : { regions: [], invalid: [] };
  const target = values.target;
  const chosenConnection = target.kind === 'connection' ? connections.find((c) => c.id === target.connectionId) : undefined;

  return (
    <Dialog
      open
      size="md"
      title="New scan"
      description="Agent Warden reads identities and AI workloads with read-only calls. Nothing in the account changes."
      onClose={() => {
        if (!busy) onClose();
      }}
    >
      <form
        ref={formRef}
        className="form"
        noValidate
        aria-label="New scan"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {failure !== null ? (
          <Callout tone="danger" role="alert" title="The scan did not start">
            <p>{failure}</p>
          </Callout>
        ) : null}

        {typedProfileField ? (
          <Field
            label="AWS profile"
            optional
            error={errors.target}
            hint="No saved connection and no profile was found. Type a profile name, or leave it empty to use the AWS_* environment variables."
          >
            {(control) => (
              <input
                {...control}
                name="target"
                className="input input--mono"
                autoComplete="off"
                spellCheck={false}
                data-autofocus
                value={values.typedProfile}
                onChange={(event) => update({ typedProfile: event.target.value }, ['target'])}
              />
            )}
          </Field>
        ) : (
          <Field
            label="Scan with"
            error={errors.target}
            hint={
              chosenConnection !== undefined
                ? `Profile ${chosenConnection.profile}${chosenConnection.roleArn !== null ? `, then role ${chosenConnection.roleArn}` : ''}.`
                : 'A saved connection, or a profile found on this computer.'
            }
          >
            {(control) => (
              <select
                {...control}
                name="target"
                className="select"
                data-autofocus
                value={targetValue(values.target)}
                onChange={(event) => {
                  const target = parseTargetValue(event.target.value);
                  update({ target, regions: regionsFor(target, connections, profileList) }, ['target', 'regions', 'roleArn', 'externalId']);
                }}
              >
                <option value="">Choose…</option>
                {connections.length > 0 ? (
                  <optgroup label="Saved connections">
                    {connections.map((connection) => (
                      <option key={connection.id} value={targetValue({ kind: 'connection', connectionId: connection.id })}>
                        {connection.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                <optgroup label="Profiles on this computer">
                  {profileList.map((profile) => (
                    <option key={profile.name} value={targetValue({ kind: 'profile', name: profile.name })}>
                      {profile.name}
                    </option>
                  ))}
                  <option value={DEFAULT_CHAIN}>Default credentials (AWS_* environment)</option>
                </optgroup>
              </select>
            )}
          </Field>
        )}

        {usesProfile ? (
          <div className="form__row form__row--wide-first">
            <Field label="Role to assume" optional error={errors.roleArn} hint="A read-only role in the account to scan.">
              {(control) => (
                <input
                  {...control}
                  name="roleArn"
                  className="input input--mono"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="arn:aws:iam::…:role/…"
                  value={values.roleArn}
                  onChange={(event) => update({ roleArn: event.target.value }, ['roleArn', 'externalId'])}
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
                  onChange={(event) => update({ externalId: event.target.value }, ['externalId'])}
                />
              )}
            </Field>
          </div>
        ) : null}

        <fieldset className="fieldset">
          <legend className="field__label">Regions</legend>
          <label className="choice">
            <input
              type="radio"
              name="regionMode"
              value="listed"
              checked={values.regionMode === 'listed'}
              onChange={() => update({ regionMode: 'listed' }, ['regions'])}
            />
            <span>These regions</span>
          </label>
          {values.regionMode === 'listed' ? (
            <div className="choice__detail">
              <Field label="Regions to scan" error={errors.regions} hint={regionHint(values, connections, profileList)}>
                {(control) => (
                  <input
                    {...control}
                    name="regions"
                    className="input input--mono"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="eu-west-1, us-east-1"
                    value={values.regions}
                    onChange={(event) => update({ regions: event.target.value }, ['regions'])}
                  />
                )}
              </Field>
              {regionPreview.regions.length > 0 ? (
                <ul className="chip-list form__chips-below" aria-label="Regions that will be scanned">
                  {regionPreview.regions.map((region) => (
                    <li key={region}>
                      <Badge tone="accent">{region}</Badge>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <label className="choice">
            <input type="radio" name="regionMode" value="all" checked={values.regionMode === 'all'} onChange={() => update({ regionMode: 'all' }, ['regions'])} />
            <span>Every region enabled for the account</span>
          </label>
          {values.regionMode === 'all' ? (
            <p className="choice__hint">Asks EC2 which regions are enabled, then reads each. Takes longer; needs ec2:DescribeRegions.</p>
          ) : null}
        </fieldset>

        <fieldset className="fieldset">
          <legend className="field__label">Organisation</legend>
          <label className="choice">
            <input
              type="checkbox"
              name="organization"
              checked={values.organization}
              onChange={(event) => update({ organization: event.target.checked }, ['memberRoleName'])}
            />
            <span>Also scan the member accounts of the organisation through a role</span>
          </label>
          {values.organization ? (
            <div className="choice__detail">
              <Field
                label="Role name in each member account"
                error={errors.memberRoleName}
                hint="A read-only role with this name in every member account, trusted by the account you scan with. The scanner policy shows what it needs."
              >
                {(control) => (
                  <input
                    {...control}
                    name="memberRoleName"
                    className="input input--mono"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="WardenReadOnly"
                    value={values.memberRoleName}
                    onChange={(event) => update({ memberRoleName: event.target.value }, ['memberRoleName'])}
                  />
                )}
              </Field>
            </div>
          ) : null}
        </fieldset>

        <div className="dialog__footer">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" icon="scan" busy={busy}>
            Start scan
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
