import './scanner-policy.css';
import { useState, type ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { Button } from '../../components/button';
import { CodeBlock } from '../../components/code-block';
import { Dialog } from '../../components/dialog';
import { ErrorState } from '../../components/error-state';
import { Field } from '../../components/field';
import { LoadingState } from '../../components/loading-state';
import { useQueryState } from '../../hooks/use-query';
import { scannerPolicyQuery } from './queries';
import { groupPolicyActions, nonReadActions } from './scanner-policy-model';

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** The least-privilege IAM policy for the scanner, to copy, with what each part of it is for. Read-only. */
export function ScannerPolicyDialog({ onClose }: { onClose: () => void }): ReactNode {
  const api = useApi();
  const [roleInput, setRoleInput] = useState('');
  const [roleName, setRoleName] = useState<string | null>(null);
  const [roleError, setRoleError] = useState<string | null>(null);
  const policy = useQueryState(scannerPolicyQuery(api, roleName));

  const groups = policy.status === 'ready' ? groupPolicyActions(policy.data.actions) : [];
  const writes = policy.status === 'ready' ? nonReadActions(policy.data.actions) : [];

  return (
    <Dialog
      open
      size="lg"
      title="Scanner policy"
      description="Attach this IAM policy to the user or role Agent Warden scans with. It is generated from the list of calls the app enforces, so the scanner can call nothing else — and it changes nothing in your account."
      onClose={onClose}
    >
      <div className="policy">
        <form
          className="policy__role"
          noValidate
          aria-label="Member account role"
          onSubmit={(event) => {
            event.preventDefault();
            const trimmed = roleInput.trim();
            if (trimmed !== '' && !ROLE_NAME.test(trimmed)) {
              setRoleError('A role name, not an ARN: up to 64 letters, digits or + = , . @ - _');
              return;
            }
            setRoleError(null);
            setRoleName(trimmed === '' ? null : trimmed);
          }}
        >
          <Field
            label="Role in member accounts"
            optional
            error={roleError}
            hint="For organisation-wide scans: limits sts:AssumeRole to this role name. Empty allows any role (*)."
          >
            {(control) => (
              <div className="inline-form">
                <input
                  {...control}
                  name="memberRoleName"
                  className="input input--mono"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="WardenReadOnly"
                  value={roleInput}
                  onChange={(event) => {
                    setRoleInput(event.target.value);
                    setRoleError(null);
                  }}
                />
                <Button type="submit" busy={policy.reloading}>
                  Apply
                </Button>
              </div>
            )}
          </Field>
        </form>

        {policy.status === 'loading' ? (
          <LoadingState label="Generating the policy…" rows={3} />
        ) : policy.status === 'error' ? (
          <ErrorState what="the scanner policy" error={policy.error} onRetry={policy.reload} />
        ) : (
          <>
            <section className="policy__document" aria-labelledby="policy-json-title">
              <h3 id="policy-json-title" className="policy__heading">
                Policy document ({policy.data.actions.length} actions)
              </h3>
              <div className="code-block--tall">
                <CodeBlock code={policy.data.policy} label="policy" />
              </div>
              <p className="policy__note">
                The same policy is printed by <code>warden policy</code> on the command line.
              </p>
            </section>
            <section className="policy__parts" aria-labelledby="policy-parts-title">
              <h3 id="policy-parts-title" className="policy__heading">
                What each part is for
              </h3>
              <ul className="policy__groups">
                {groups.map((group) => (
                  <li key={group.prefix}>
                    <p className="policy__group-title">
                      {group.name}
                      <span className="policy__count">
                        {group.actions.length} action{group.actions.length === 1 ? '' : 's'}
                      </span>
                    </p>
                    <p className="policy__group-text">{group.purpose}</p>
                  </li>
                ))}
              </ul>
              {writes.length > 0 ? (
                <p className="policy__note">
                  Not plain reads: {writes.map((action, index) => (
                    <span key={action}>
                      {index > 0 ? ', ' : null}
                      <code>{action}</code>
                    </span>
                  ))}
                  . AssumeRole only takes on a role you name; the Generate actions ask IAM to build a report. None of them changes a setting.
                </p>
              ) : null}
            </section>
          </>
        )}
      </div>
      <div className="dialog__footer">
        <Button variant="primary" onClick={onClose} data-autofocus>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
