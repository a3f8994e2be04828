import { useState, type ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { Field } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import { downloadText } from '../../lib/download-file';

/**
 * Export the review meetings as an .ics file Google Calendar, Outlook and Apple Calendar import: one
 * series per tier at its cadence (all tiers or one), or one combined monthly meeting. The file is the back
 * end's (RFC 5545, the zone's VTIMEZONE, stable UIDs); it is saved as is, never parsed here.
 */
export function CalendarDialog({ onClose }: { onClose: () => void }): ReactNode {
  const api = useApi();
  const [mode, setMode] = useState<'per-tier' | 'combined'>('per-tier');
  const [tier, setTier] = useState<'all' | '1' | '2' | '3'>('all');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <FormDialog
      title="Export the review calendar"
      description="An .ics file for Google Calendar, Outlook or Apple Calendar, at the time and time zone of the next planned meeting. Importing it again updates the same events."
      formLabel="Export the review calendar"
      submitLabel="Export .ics"
      busy={busy}
      error={error}
      errorTitle="The calendar was not exported"
      onClose={onClose}
      onSubmit={() => {
        setBusy(true);
        setError(null);
        api
          .invoke('reviews:calendar', { mode, tier: mode === 'per-tier' && tier !== 'all' ? (Number(tier) as 1 | 2 | 3) : null })
          .then((calendar) => {
            downloadText(calendar.fileName, 'text/calendar', calendar.text);
            setBusy(false);
            onClose();
          })
          .catch((failure: unknown) => {
            setBusy(false);
            setError(toApiError(failure).message);
          });
      }}
    >
      <fieldset className="fieldset">
        <legend className="field__label">Series</legend>
        <label className="choice">
          <input type="radio" name="calendar-mode" value="per-tier" checked={mode === 'per-tier'} onChange={() => setMode('per-tier')} />
          <span>One series per tier, at its cadence</span>
        </label>
        <label className="choice">
          <input type="radio" name="calendar-mode" value="combined" checked={mode === 'combined'} onChange={() => setMode('combined')} />
          <span>One combined monthly meeting</span>
        </label>
      </fieldset>
      {mode === 'per-tier' ? (
        <Field label="Tiers">
          {(control) => (
            <select {...control} className="select" value={tier} onChange={(event) => setTier(event.target.value as typeof tier)}>
              <option value="all">All three tiers</option>
              <option value="1">Tier 1 only</option>
              <option value="2">Tier 2 only</option>
              <option value="3">Tier 3 only</option>
            </select>
          )}
        </Field>
      ) : null}
    </FormDialog>
  );
}
