import { useState, type FormEvent, type ReactNode } from 'react';
import type { FindingRow } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { tomorrow, validateAcceptance } from './findings-model';

type Changed = Pick<FindingRow, 'fingerprint' | 'status' | 'acceptance'>;

/** Accept a finding's risk: a reason (at least 10 characters) and a future end date, both required. */
export function AcceptRiskDialog({ finding, onClose, onDone }: { finding: FindingRow; onClose: () => void; onDone: (changed: Changed) => void }): ReactNode {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problems = validateAcceptance(reason, until);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    if (problems.reason !== null || problems.until !== null) return;
    setBusy(true);
    setError(null);
    api.invoke('findings:accept', { fingerprint: finding.fingerprint, reason: reason.trim(), until }).then(
      (changed) => {
        setBusy(false);
        onDone(changed);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(toApiError(failure).message);
      },
    );
  };

  return (
    <Dialog open title="Accept the risk" description={<p>{finding.title}</p>} onClose={() => (busy ? undefined : onClose())} size="md">
      <form className="form" onSubmit={submit} noValidate aria-label="Accept the risk">
        <Field label="Reason" hint="Why this is acceptable for now; recorded with your name in the audit log." error={tried ? problems.reason : null}>
          {(control) => <textarea {...control} className="input textarea" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} />}
        </Field>
        <Field label="Accepted until" hint="The finding reopens on this date." error={tried ? problems.until : null}>
          {(control) => <input {...control} className="input" type="date" min={tomorrow()} value={until} onChange={(event) => setUntil(event.target.value)} />}
        </Field>
        {error !== null ? (
          <Callout tone="danger" role="alert" title="Not accepted">
            <p>{error}</p>
          </Callout>
        ) : null}
        <div className="dialog__footer">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Accept risk
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Mark a finding resolved by hand, with a note (the next scan confirms it or reports it regressed). */
export function ResolveDialog({ finding, onClose, onDone }: { finding: FindingRow; onClose: () => void; onDone: (changed: Changed) => void }): ReactNode {
  const api = useApi();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteError = note.trim().length < 3 ? 'Say what was done, in a few words.' : null;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    if (noteError !== null) return;
    setBusy(true);
    setError(null);
    api.invoke('findings:resolve', { fingerprint: finding.fingerprint, note: note.trim() }).then(
      (changed) => {
        setBusy(false);
        onDone(changed);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(toApiError(failure).message);
      },
    );
  };

  return (
    <Dialog open title="Mark resolved" description={<p>{finding.title}. The next scan confirms it, or reports it as regressed.</p>} onClose={() => (busy ? undefined : onClose())} size="md">
      <form className="form" onSubmit={submit} noValidate aria-label="Mark resolved">
        <Field label="What was done" error={tried ? noteError : null}>
          {(control) => <textarea {...control} className="input textarea" rows={3} value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} />}
        </Field>
        {error !== null ? (
          <Callout tone="danger" role="alert" title="Not saved">
            <p>{error}</p>
          </Callout>
        ) : null}
        <div className="dialog__footer">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Mark resolved
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
