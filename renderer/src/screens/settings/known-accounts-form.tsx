import './settings.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { KnownAccount } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { TEXT_LIMITS } from '../../lib/text-limits';
import { useUpdateSettings } from './mutations';
import { validateKnownAccount, type KnownAccountDraft, type KnownAccountErrors } from './known-accounts-model';

const EMPTY_DRAFT: KnownAccountDraft = { accountId: '', label: '' };

/**
 * The accounts the team declares as known (its own beyond those scanned, or a vendor it trusts): listed
 * with a Remove button each, and a small form to add one. Every change is saved at once (and audited).
 */
export function KnownAccountsForm({ initial }: { initial: readonly KnownAccount[] }): ReactNode {
  const update = useUpdateSettings();
  const [accounts, setAccounts] = useState<readonly KnownAccount[]>(initial);
  const [draft, setDraft] = useState<KnownAccountDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<KnownAccountErrors>({});
  /** What is being saved: 'add', or the account ID being removed. */
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<{ kind: 'saved'; message: string } | { kind: 'failed'; message: string } | null>(null);
  const accountIdRef = useRef<HTMLInputElement>(null);
  const labelRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLTableSectionElement>(null);
  /** Where focus goes once a removal is on screen: the Remove button now at this row, else the last, else the form. */
  const focusRow = useRef<number | null>(null);

  // After the commit that shows the shorter list (and the buttons enabled again), not before it.
  useEffect(() => {
    if (focusRow.current === null || busy !== null) return;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    (buttons[Math.min(focusRow.current, buttons.length - 1)] ?? accountIdRef.current)?.focus();
    focusRow.current = null;
  }, [accounts, busy]);

  const save = (next: readonly KnownAccount[], action: string, saved: string, afterSave: () => void): void => {
    setBusy(action);
    setStatus(null);
    update.mutateAsync({ knownAccounts: [...next] }).then(
      (settings) => {
        setBusy(null);
        setAccounts(settings.knownAccounts);
        setStatus({ kind: 'saved', message: saved });
        afterSave();
      },
      (failure: unknown) => {
        setBusy(null);
        setStatus({ kind: 'failed', message: toApiError(failure).message });
      },
    );
  };

  const change = (field: keyof KnownAccountDraft, value: string): void => {
    setDraft((current) => ({ ...current, [field]: value }));
    if (errors[field] !== undefined) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const remove = (account: KnownAccount, index: number): void => {
    save(
      accounts.filter((each) => each.accountId !== account.accountId),
      account.accountId,
      `Removed “${account.label}” (${account.accountId}).`,
      () => {
        // Focus stays in the list: on the row that took this one's place, else the one before, else the form.
        focusRow.current = index;
      },
    );
  };

  return (
    <div className="known-accounts">
      {accounts.length === 0 ? (
        <p className="known-accounts__empty" data-testid="known-accounts-empty">
          No accounts declared. The accounts you scan or connect to, and those of their organisation, are known already.
        </p>
      ) : (
        <div className="table-scroll known-accounts__table">
          <table className="data-table data-table--compact" aria-label="Declared known accounts">
            <thead>
              <tr>
                <th scope="col">Account ID</th>
                <th scope="col">Label</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody ref={listRef}>
              {accounts.map((account, index) => (
                <tr key={account.accountId} data-testid="known-account">
                  <th scope="row" className="mono">
                    {account.accountId}
                  </th>
                  <td className="known-accounts__label">{account.label}</td>
                  <td className="known-accounts__actions">
                    <Button
                      variant="ghost"
                      size="sm"
                      icon="trash"
                      busy={busy === account.accountId}
                      disabled={busy !== null}
                      aria-label={`Remove ${account.accountId} (${account.label})`}
                      onClick={() => remove(account, index)}
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <form
        className="form known-accounts__add"
        noValidate
        aria-label="Add a known account"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = validateKnownAccount(draft, accounts);
          if (!checked.ok) {
            setErrors(checked.errors);
            setStatus(null);
            (checked.errors.accountId !== undefined ? accountIdRef : labelRef).current?.focus();
            return;
          }
          const { account } = checked;
          save([...accounts, account], 'add', `Added “${account.label}” (${account.accountId}).`, () => {
            setDraft(EMPTY_DRAFT);
            accountIdRef.current?.focus();
          });
        }}
      >
        <div className="known-accounts__fields">
          <Field label="Account ID" hint="12 digits; spaces and dashes are ignored." error={errors.accountId}>
            {(control) => (
              <input
                {...control}
                ref={accountIdRef}
                name="accountId"
                className="input input--mono"
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                placeholder="123456789012"
                value={draft.accountId}
                onChange={(event) => change('accountId', event.target.value)}
              />
            )}
          </Field>
          <Field label="Label" hint="Whose account it is." error={errors.label} limit={{ max: TEXT_LIMITS.knownAccountLabel, length: draft.label.length }}>
            {(control) => (
              <input
                {...control}
                ref={labelRef}
                name="label"
                className="input"
                autoComplete="off"
                placeholder="Vendor: Datadog"
                maxLength={TEXT_LIMITS.knownAccountLabel}
                value={draft.label}
                onChange={(event) => change('label', event.target.value)}
              />
            )}
          </Field>
        </div>
        {status?.kind === 'failed' ? (
          <Callout tone="danger" role="alert" title="The known accounts were not saved">
            <p>{status.message}</p>
          </Callout>
        ) : null}
        <div className="form__actions">
          <Button type="submit" icon="plus" busy={busy === 'add'} disabled={busy !== null && busy !== 'add'}>
            Add account
          </Button>
          <span className="form__status" role="status">
            {status?.kind === 'saved' ? (
              <span className="inline-status">
                <Icon name="check-circle" size={14} />
                {status.message} Findings use the list the next time they are shown.
              </span>
            ) : null}
          </span>
        </div>
      </form>
    </div>
  );
}
