import { useState, type ReactNode } from 'react';
import type { FindingSummary } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { Field } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import { plural, visibleText } from '../../lib/format';
import { TEXT_LIMITS } from '../../lib/text-limits';
import { tomorrow, validateAcceptance } from './findings-model';
import { useAcceptFindings, useResolveFindings } from './mutations';

type Changed = Pick<FindingSummary, 'fingerprint' | 'status' | 'acceptance'>;

const LISTED = 5;

/** What the decision is about: one finding's title, or how many and the first few titles. */
function Subject({ findings, after }: { findings: readonly FindingSummary[]; after?: string }): ReactNode {
  const [only] = findings;
  if (findings.length === 1 && only !== undefined) {
    return (
      <p>
        {visibleText(only.title)}
        {after ?? ''}
      </p>
    );
  }
  return (
    <>
      <p>
        {plural(findings.length, 'finding', 'findings')}, one decision for all of them (each recorded in the audit log; if one cannot be decided, none is){after ?? ''}
      </p>
      <ul className="bulk-subject" data-testid="bulk-subject">
        {findings.slice(0, LISTED).map((finding) => (
          <li key={finding.fingerprint}>{visibleText(finding.title)}</li>
        ))}
        {findings.length > LISTED ? <li>and {plural(findings.length - LISTED, 'other', 'others')}</li> : null}
      </ul>
    </>
  );
}

/** Accept the risk of one finding or several: a reason (at least 10 characters) and a future end date, both required. */
export function AcceptRiskDialog({ findings, onClose, onDone }: { findings: readonly FindingSummary[]; onClose: () => void; onDone: (changed: readonly Changed[]) => void }): ReactNode {
  const accept = useAcceptFindings();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [tried, setTried] = useState(false);
  const problems = validateAcceptance(reason, until);

  const submit = (): void => {
    setTried(true);
    if (problems.reason !== null || problems.until !== null) return;
    accept.mutate({ fingerprints: findings.map((finding) => finding.fingerprint), reason: reason.trim(), until }, { onSuccess: (reply) => onDone(reply.changed) });
  };

  const title = findings.length === 1 ? 'Accept the risk' : `Accept the risk of ${findings.length} findings`;
  return (
    <FormDialog
      title={title}
      description={<Subject findings={findings} />}
      formLabel={title}
      submitLabel="Accept risk"
      onSubmit={submit}
      onClose={onClose}
      busy={accept.isPending}
      error={accept.error === null ? null : toApiError(accept.error).message}
      errorTitle="Not accepted"
    >
      <Field
        label="Reason"
        hint="Why this is acceptable for now; recorded with your name in the audit log."
        error={tried ? problems.reason : null}
        limit={{ max: TEXT_LIMITS.findingNote, length: reason.length }}
      >
        {(control) => <textarea {...control} className="input textarea" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={TEXT_LIMITS.findingNote} />}
      </Field>
      <Field label="Accepted until" hint="The finding reopens on this date." error={tried ? problems.until : null}>
        {(control) => <input {...control} className="input" type="date" min={tomorrow()} value={until} onChange={(event) => setUntil(event.target.value)} />}
      </Field>
    </FormDialog>
  );
}

/** Mark one finding or several resolved by hand, with a note (the next scan confirms it or reports it regressed). */
export function ResolveDialog({ findings, onClose, onDone }: { findings: readonly FindingSummary[]; onClose: () => void; onDone: (changed: readonly Changed[]) => void }): ReactNode {
  const resolve = useResolveFindings();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const noteError = note.trim().length < 3 ? 'Say what was done, in a few words.' : null;

  const submit = (): void => {
    setTried(true);
    if (noteError !== null) return;
    resolve.mutate({ fingerprints: findings.map((finding) => finding.fingerprint), note: note.trim() }, { onSuccess: (reply) => onDone(reply.changed) });
  };

  const title = findings.length === 1 ? 'Mark resolved' : `Mark ${findings.length} findings resolved`;
  return (
    <FormDialog
      title={title}
      description={<Subject findings={findings} after=". The next scan confirms it, or reports it as regressed." />}
      formLabel={title}
      submitLabel="Mark resolved"
      onSubmit={submit}
      onClose={onClose}
      busy={resolve.isPending}
      error={resolve.error === null ? null : toApiError(resolve.error).message}
      errorTitle="Not saved"
    >
      <Field label="What was done" error={tried ? noteError : null} limit={{ max: TEXT_LIMITS.findingNote, length: note.length }}>
        {(control) => <textarea {...control} className="input textarea" rows={3} value={note} onChange={(event) => setNote(event.target.value)} maxLength={TEXT_LIMITS.findingNote} />}
      </Field>
    </FormDialog>
  );
}
