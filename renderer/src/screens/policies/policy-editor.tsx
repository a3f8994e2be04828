import { useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { POLICY_SEVERITY_NAMES, type AccountView, type PolicyTestResult, type UserPolicyInfo } from '@shared/contract';
import type { PolicyExample } from '@shared/policy-language';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { useToast } from '../../app/toast-context';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { SEVERITY_LABELS } from '../../components/severity-badge';
import { navigate } from '../../hooks/use-hash-path';
import { TEXT_LIMITS } from '../../lib/text-limits';
import { caretLines, checkDraft, draftOf, EMPTY_DRAFT, POLICIES_PATH, problemText, saveInput, type DraftErrors, type PolicyDraftFields } from './policy-model';
import { useSavePolicy } from './mutations';
import { PolicyReference } from './policy-reference';
import { PolicyTestResults, type TestState } from './policy-test-results';

interface Tested {
  condition: string;
  appliesTo: string;
  accountId: string | null;
  result: PolicyTestResult;
}

type RunState = { status: 'idle' } | { status: 'running' } | { status: 'failed'; message: string } | { status: 'done'; tested: Tested };

export interface PolicyEditorProps {
  policy: UserPolicyInfo | null;
  /** The workspace's accounts, and the one the test is narrowed to (null: every account's newest scan). */
  accounts: readonly AccountView[];
  accountId: string | null;
  onAccount: (accountId: string | null) => void;
}

/** Create or edit a user policy: the form, a test against every account's newest scan (or one account's), and the language reference beside them. */
export function PolicyEditor({ policy, accounts, accountId, onAccount }: PolicyEditorProps): ReactNode {
  const api = useApi();
  const save = useSavePolicy();
  const toast = useToast();
  const [draft, setDraft] = useState<PolicyDraftFields>(() => (policy === null ? EMPTY_DRAFT : draftOf(policy)));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends keyof PolicyDraftFields>(key: K, value: PolicyDraftFields[K]): void => {
    setDraft((current) => ({ ...current, [key]: value }));
    if (key === 'name' || key === 'condition' || key === 'appliesTo') setErrors((current) => ({ ...current, [key]: undefined }));
    setSaveError(null);
  };

  const tested = run.status === 'done' ? run.tested : null;
  const fresh = tested !== null && tested.condition === draft.condition && tested.appliesTo === draft.appliesTo && tested.accountId === accountId;
  // Compile problems are shown at their field while the expressions are the ones tested.
  const problemOf = (field: 'condition' | 'appliesTo') => (fresh ? tested.result.problems.find((problem) => problem.field === field) : undefined);
  const conditionProblem = problemOf('condition');
  const scopeProblem = problemOf('appliesTo');

  const runTest = (fields: PolicyDraftFields = draft, account: string | null = accountId): void => {
    if (fields.condition.trim() === '') {
      setErrors((current) => ({ ...current, condition: checkDraft(fields).condition }));
      return;
    }
    setRun({ status: 'running' });
    const condition = fields.condition;
    const appliesTo = fields.appliesTo;
    api.invoke('policies:test', { scanId: null, accountId: account, condition, appliesTo: appliesTo.trim() === '' ? null : appliesTo }).then(
      (result) => setRun({ status: 'done', tested: { condition, appliesTo, accountId: account, result } }),
      (failure: unknown) => setRun({ status: 'failed', message: toApiError(failure).message }),
    );
  };

  const testOnCtrlEnter = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runTest();
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const checked = checkDraft(draft);
    setErrors(checked);
    const first = (['name', 'appliesTo', 'condition'] as const).find((field) => checked[field] !== undefined);
    if (first !== undefined) {
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setSaving(true);
    setSaveError(null);
    save.mutateAsync(saveInput(policy?.id ?? null, draft)).then(
      (saved) => {
        setSaving(false);
        toast(`Policy “${saved.name}” saved; every account’s findings follow it. Recorded in the audit log.`, 'success');
        navigate(POLICIES_PATH);
      },
      (failure: unknown) => {
        setSaving(false);
        const error = toApiError(failure);
        setSaveError(error.message);
        // Show where the expressions break, at their fields.
        if (error.code === 'invalid_input') runTest();
      },
    );
  };

  const applyExample = (example: PolicyExample): void => {
    const next = { ...draft, condition: example.condition, appliesTo: example.appliesTo ?? '', name: draft.name.trim() === '' ? example.title : draft.name };
    setDraft(next);
    setErrors({});
    runTest(next);
  };

  const testState: TestState =
    run.status === 'done' ? { status: 'done', result: run.tested.result, stale: !fresh } : run.status === 'running' ? { status: 'running' } : run.status === 'failed' ? run : { status: 'idle' };

  return (
    <div className="stack">
      <PageHeader
        title={policy === null ? 'New policy' : `Edit “${policy.name}”`}
        description="A rule every governed agent in its scope must satisfy, written as a CEL expression and checked on every scan. An agent it fails for gets a governance_policy_violation finding named after it."
      />
      <p>
        <a href={`#${POLICIES_PATH}`} className="back-link">
          ← All policies
        </a>
      </p>
      <div className="policy-editor">
        <div className="stack policy-editor__main">
          <Panel title="Policy">
            <form ref={formRef} className="form" aria-label="Policy" onSubmit={submit} noValidate>
              <div className="form__row form__row--wide-first">
                <Field label="Name" hint="Findings are titled by it." error={errors.name} limit={{ max: TEXT_LIMITS.policyName, length: draft.name.length }}>
                  {(control) => <input {...control} name="name" className="input" value={draft.name} maxLength={TEXT_LIMITS.policyName} onChange={(event) => set('name', event.target.value)} />}
                </Field>
                <Field label="Severity">
                  {(control) => (
                    <select {...control} name="severity" className="select" value={draft.severity} onChange={(event) => set('severity', POLICY_SEVERITY_NAMES.find((s) => s === event.target.value) ?? 'medium')}>
                      {POLICY_SEVERITY_NAMES.map((severity) => (
                        <option key={severity} value={severity}>
                          {SEVERITY_LABELS[severity]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <Field label="Description" hint="What the rule asks, in a sentence; shown in the finding." optional limit={{ max: TEXT_LIMITS.policyDescription, length: draft.description.length }}>
                {(control) => <textarea {...control} name="description" className="input textarea" rows={2} maxLength={TEXT_LIMITS.policyDescription} value={draft.description} onChange={(event) => set('description', event.target.value)} />}
              </Field>
              <Field
                label="Applies to"
                hint="Which governed agents the policy concerns, e.g. agent.ai. Leave empty for every governed agent."
                error={errors.appliesTo ?? (scopeProblem !== undefined ? problemText(scopeProblem) : null)}
                optional
              >
                {(control) => (
                  <>
                    <textarea
                      {...control}
                      name="appliesTo"
                      className="input input--mono textarea"
                      rows={2}
                      spellCheck={false}
                      autoCapitalize="off"
                      autoCorrect="off"
                      value={draft.appliesTo}
                      onChange={(event) => set('appliesTo', event.target.value)}
                      onKeyDown={testOnCtrlEnter}
                    />
                    {scopeProblem !== undefined ? (
                      <pre className="policy-caret" aria-hidden="true">
                        {caretLines(scopeProblem)}
                      </pre>
                    ) : null}
                  </>
                )}
              </Field>
              <Field label="Condition" hint="Must be true for every agent in scope. Ctrl+Enter tests it." error={errors.condition ?? (conditionProblem !== undefined ? problemText(conditionProblem) : null)}>
                {(control) => (
                  <>
                    <textarea
                      {...control}
                      name="condition"
                      className="input input--mono textarea"
                      rows={4}
                      spellCheck={false}
                      autoCapitalize="off"
                      autoCorrect="off"
                      value={draft.condition}
                      onChange={(event) => set('condition', event.target.value)}
                      onKeyDown={testOnCtrlEnter}
                    />
                    {conditionProblem !== undefined ? (
                      <pre className="policy-caret" aria-hidden="true">
                        {caretLines(conditionProblem)}
                      </pre>
                    ) : null}
                  </>
                )}
              </Field>
              <Field label="Remediation" hint="What to do for an agent it fails for; shown in the finding." optional limit={{ max: TEXT_LIMITS.policyRemediation, length: draft.remediation.length }}>
                {(control) => <textarea {...control} name="remediation" className="input textarea" rows={2} maxLength={TEXT_LIMITS.policyRemediation} value={draft.remediation} onChange={(event) => set('remediation', event.target.value)} />}
              </Field>
              <label className="policy-enabled">
                <input type="checkbox" name="enabled" checked={draft.enabled} onChange={(event) => set('enabled', event.target.checked)} />
                <span>Enabled: checked on every analysis</span>
              </label>
              {saveError !== null ? (
                <Callout tone="danger" role="alert" title="The policy was not saved">
                  <p>{saveError}</p>
                </Callout>
              ) : null}
              <div className="form__actions">
                <Button icon="scan" onClick={() => runTest()} busy={run.status === 'running'}>
                  Test the policy
                </Button>
                <Button type="submit" variant="primary" icon="save" busy={saving}>
                  Save policy
                </Button>
                <Button variant="ghost" onClick={() => navigate(POLICIES_PATH)} disabled={saving}>
                  Cancel
                </Button>
              </div>
            </form>
          </Panel>
          <PolicyTestResults
            state={testState}
            accounts={accounts}
            accountId={accountId}
            onAccount={(next) => {
              onAccount(next);
              // A test already shown is run again over the accounts now chosen.
              if (run.status === 'done') runTest(draft, next);
            }}
          />
        </div>
        <aside className="policy-editor__side" aria-label="Policy language reference">
          <PolicyReference onUse={applyExample} />
        </aside>
      </div>
    </div>
  );
}
