import { useState, type ReactNode } from 'react';
import type { FindingRow } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { Field } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import { tomorrow, validateAcceptance } from './findings-model';
import { useAcceptFinding, useResolveFinding } from './mutations';

type Changed = Pick<FindingRow, 'fingerprint' | 'status' | 'acceptance'>;

/** Accept a finding's risk: a reason (at least 10 characters) and a future end date, both required. */
export function AcceptRiskDialog({ finding, onClose, onDone }: { finding: FindingRow; onClose: () => void; onDone: (changed: Changed) => void }): ReactNode {
  const accept = useAcceptFinding();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [tried, setTried] = useState(false);
  const problems = validateAcceptance(reason, until);

  const submit = (): void => {
    setTried(true);
    if (problems.reason !== null || problems.until !== null) return;
    accept.mutate({ fingerprint: finding.fingerprint, reason: reason.trim(), until }, { onSuccess: onDone });
  };

  return (
    <FormDialog
      title="Accept the risk"
      description={<p>{finding.title}</p>}
      formLabel="Accept the risk"
      submitLabel="Accept risk"
      onSubmit={submit}
      onClose={onClose}
      busy={accept.isPending}
      error={accept.error === null ? null : toApiError(accept.error).message}
      errorTitle="Not accepted"
    >
      <Field label="Reason" hint="Why this is acceptable for now; recorded with your name in the audit log." error={tried ? problems.reason : null}>
        {(control) => <textarea {...control} className="input textarea" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} />}
      </Field>
      <Field label="Accepted until" hint="The finding reopens on this date." error={tried ? problems.until : null}>
        {(control) => <input {...control} className="input" type="date" min={tomorrow()} value={until} onChange={(event) => setUntil(event.target.value)} />}
      </Field>
    </FormDialog>
  );
}

/** Mark a finding resolved by hand, with a note (the next scan confirms it or reports it regressed). */
export function ResolveDialog({ finding, onClose, onDone }: { finding: FindingRow; onClose: () => void; onDone: (changed: Changed) => void }): ReactNode {
  const resolve = useResolveFinding();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const noteError = note.trim().length < 3 ? 'Say what was done, in a few words.' : null;

  const submit = (): void => {
    setTried(true);
    if (noteError !== null) return;
    resolve.mutate({ fingerprint: finding.fingerprint, note: note.trim() }, { onSuccess: onDone });
  };

  return (
    <FormDialog
      title="Mark resolved"
      description={<p>{finding.title}. The next scan confirms it, or reports it as regressed.</p>}
      formLabel="Mark resolved"
      submitLabel="Mark resolved"
      onSubmit={submit}
      onClose={onClose}
      busy={resolve.isPending}
      error={resolve.error === null ? null : toApiError(resolve.error).message}
      errorTitle="Not saved"
    >
      <Field label="What was done" error={tried ? noteError : null}>
        {(control) => <textarea {...control} className="input textarea" rows={3} value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} />}
      </Field>
    </FormDialog>
  );
}
