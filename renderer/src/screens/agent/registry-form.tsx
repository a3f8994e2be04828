import { useState, type FormEvent, type ReactNode } from 'react';
import type { ChannelInput, RegistryRecordInfo } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { useToast } from '../../app/toast-context';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Field } from '../../components/field';
import { formatDateTime } from '../../lib/format';
import { TEXT_LIMITS } from '../../lib/text-limits';
import { useUpdateRegistry } from '../inventory/mutations';

type Patch = ChannelInput<'registry:update'>['patch'];

interface Draft {
  owner: string;
  purpose: string;
  dataScope: string;
  status: RegistryRecordInfo['status'];
  override: '' | '1' | '2' | '3';
  overrideReason: string;
  lastReviewAt: string;
  nextReviewAt: string;
  /** Why it is decommissioned: asked only when the status changes to decommissioned. */
  decommissionReason: string;
}

function day(value: string | null): string {
  return value === null ? '' : value.slice(0, 10);
}

function draftOf(record: RegistryRecordInfo): Draft {
  return {
    owner: record.owner ?? '',
    purpose: record.purpose ?? '',
    dataScope: record.dataScope ?? '',
    status: record.status,
    override: record.tierOverride === null ? '' : (String(record.tierOverride) as '1' | '2' | '3'),
    overrideReason: record.overrideReason ?? '',
    lastReviewAt: day(record.lastReviewAt),
    nextReviewAt: day(record.nextReviewAt),
    decommissionReason: '',
  };
}

function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Only what changed, so the audit log records what a person actually did. */
export function registryPatch(before: Draft, after: Draft): Patch {
  const patch: Patch = {};
  if (after.owner.trim() !== before.owner.trim()) patch.owner = orNull(after.owner);
  if (after.purpose.trim() !== before.purpose.trim()) patch.purpose = orNull(after.purpose);
  if (after.dataScope.trim() !== before.dataScope.trim()) patch.dataScope = orNull(after.dataScope);
  if (after.status !== before.status) patch.status = after.status;
  if (after.override !== before.override || (after.override !== '' && after.overrideReason.trim() !== before.overrideReason.trim())) {
    patch.tierOverride = after.override === '' ? null : { tier: Number(after.override) as 1 | 2 | 3, reason: after.overrideReason.trim() };
  }
  if (after.lastReviewAt !== before.lastReviewAt) patch.lastReviewAt = orNull(after.lastReviewAt);
  if (after.nextReviewAt !== before.nextReviewAt) patch.nextReviewAt = orNull(after.nextReviewAt);
  return patch;
}

/** What people record about an identity: owner, purpose, data scope, status, a tier override with its reason, reviews. */
export function RegistryForm({ arn, record, computedTier }: { arn: string; record: RegistryRecordInfo; computedTier: 1 | 2 | 3 }): ReactNode {
  const update = useUpdateRegistry();
  const toast = useToast();
  const [initial, setInitial] = useState(() => draftOf(record));
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((current) => ({ ...current, [key]: value }));
  const reasonError = draft.override !== '' && draft.overrideReason.trim().length < 10 ? 'Say why, in at least 10 characters.' : null;
  const decommissioning = draft.status === 'decommissioned' && initial.status !== 'decommissioned';
  const decommissionError = decommissioning && draft.decommissionReason.trim().length < 10 ? 'Say why, in at least 10 characters.' : null;
  const patch = registryPatch(initial, draft);
  const dirty = Object.keys(patch).length > 0;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    if (reasonError !== null || decommissionError !== null || !dirty) return;
    setBusy(true);
    setError(null);
    update.mutateAsync({ arns: [arn], patch, reason: decommissioning ? draft.decommissionReason.trim() : null }).then(
      (saved) => {
        setBusy(false);
        const next = saved[0] === undefined ? draft : draftOf(saved[0]);
        setInitial(next);
        setDraft(next);
        setTried(false);
        toast('Registry saved; the change is in the audit log.', 'success');
      },
      (failure: unknown) => {
        setBusy(false);
        setError(toApiError(failure).message);
      },
    );
  };

  return (
    <form className="form registry-form" aria-label="Registry" onSubmit={submit} noValidate>
      <div className="form__row">
        <Field label="Owner" hint={record.ownerSource === 'tag' ? 'Prefilled from an owner tag (on the identity, or on the workloads that run as it when they agree).' : 'The accountable human (name or email).'} optional limit={{ max: TEXT_LIMITS.registryOwner, length: draft.owner.length }}>
          {(control) => <input {...control} className="input" value={draft.owner} onChange={(event) => set('owner', event.target.value)} maxLength={TEXT_LIMITS.registryOwner} />}
        </Field>
        <Field label="Status">
          {(control) => (
            <select {...control} className="select" value={draft.status} onChange={(event) => set('status', event.target.value as Draft['status'])}>
              <option value="registered">Registered</option>
              <option value="unregistered">Unregistered</option>
              <option value="decommissioned">Decommissioned</option>
            </select>
          )}
        </Field>
      </div>
      {decommissioning ? (
        <Field label="Why decommission it?" hint="Required; recorded with your name in the audit log." error={tried ? decommissionError : null} limit={{ max: TEXT_LIMITS.registryNote, length: draft.decommissionReason.length }}>
          {(control) => (
            <textarea {...control} className="input textarea" rows={2} value={draft.decommissionReason} onChange={(event) => set('decommissionReason', event.target.value)} maxLength={TEXT_LIMITS.registryNote} />
          )}
        </Field>
      ) : null}
      <Field label="Purpose" optional limit={{ max: TEXT_LIMITS.registryNote, length: draft.purpose.length }}>
        {(control) => <textarea {...control} className="input textarea" rows={2} value={draft.purpose} onChange={(event) => set('purpose', event.target.value)} maxLength={TEXT_LIMITS.registryNote} />}
      </Field>
      <Field label="Data scope" hint="What data it may reach, e.g. “customer PII in the orders bucket”." optional limit={{ max: TEXT_LIMITS.registryNote, length: draft.dataScope.length }}>
        {(control) => <textarea {...control} className="input textarea" rows={2} value={draft.dataScope} onChange={(event) => set('dataScope', event.target.value)} maxLength={TEXT_LIMITS.registryNote} />}
      </Field>
      <div className="form__row">
        <Field label="Tier override" hint={`Computed: Tier ${computedTier}.`}>
          {(control) => (
            <select {...control} className="select" value={draft.override} onChange={(event) => set('override', event.target.value as Draft['override'])}>
              <option value="">No override (use the computed tier)</option>
              <option value="1">Tier 1</option>
              <option value="2">Tier 2</option>
              <option value="3">Tier 3</option>
            </select>
          )}
        </Field>
        <Field label="Last review" optional>
          {(control) => <input {...control} className="input" type="date" value={draft.lastReviewAt} onChange={(event) => set('lastReviewAt', event.target.value)} />}
        </Field>
        <Field label="Next review" optional>
          {(control) => <input {...control} className="input" type="date" value={draft.nextReviewAt} onChange={(event) => set('nextReviewAt', event.target.value)} />}
        </Field>
      </div>
      {draft.override !== '' ? (
        <Field label="Why override the tier?" hint="Required; recorded with your name in the audit log." error={tried ? reasonError : null} limit={{ max: TEXT_LIMITS.registryNote, length: draft.overrideReason.length }}>
          {(control) => (
            <textarea {...control} className="input textarea" rows={2} value={draft.overrideReason} onChange={(event) => set('overrideReason', event.target.value)} maxLength={TEXT_LIMITS.registryNote} />
          )}
        </Field>
      ) : null}
      {record.overrideBy !== null && record.overrideAt !== null ? (
        <p className="field__hint">
          Tier override set by {record.overrideBy} on {formatDateTime(record.overrideAt)}.
        </p>
      ) : null}
      {error !== null ? (
        <Callout tone="danger" role="alert" title="Not saved">
          <p>{error}</p>
        </Callout>
      ) : null}
      <div className="registry-form__footer">
        <Button type="submit" variant="primary" icon="save" busy={busy} disabled={!dirty}>
          Save registry
        </Button>
        {dirty ? (
          <Button variant="ghost" onClick={() => setDraft(initial)} disabled={busy}>
            Discard changes
          </Button>
        ) : (
          <span className="field__hint">{record.updatedAt !== null ? `Last saved ${formatDateTime(record.updatedAt)}.` : 'Nothing recorded yet.'}</span>
        )}
      </div>
    </form>
  );
}
