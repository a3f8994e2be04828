import './onboarding.css';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ChannelOutput } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { Field } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import { TierBadge } from '../../components/tier-badge';
import { plural, visibleText } from '../../lib/format';
import { TEXT_LIMITS } from '../../lib/text-limits';
import { invalidateAfter } from '../../queries/data-changes';
import { agentQuery } from '../agent/queries';
import {
  hasErrors,
  onboardFacts,
  ownerPrefill,
  ownerValue,
  registrationCalls,
  submitLabel,
  validateSheet,
  type OnboardFacts,
  type OnboardTarget,
  type RegistryCall,
  type SheetValues,
} from './onboarding-model';

/** Registers every call in turn; the registry service audits each identity's change. */
function useRegisterAll() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation<ChannelOutput<'registry:update'>, Error, RegistryCall[]>({
    mutationFn: async (calls) => {
      const records: ChannelOutput<'registry:update'> = [];
      for (const call of calls) records.push(...(await api.invoke('registry:update', call)));
      return records;
    },
    // Also after a partial failure: what was registered shows as registered.
    onSettled: () => void invalidateAfter(client, 'registry'),
  });
}

/**
 * The onboarding sheet (issue 14): registers one or several AI agents in one step — each agent's owner
 * (prefilled from who created it, a tag or the registry), one purpose and one data scope for all, and
 * "tier confirmed" for each agent's tier in force. Keyboard-first: the focus starts on the first empty
 * owner, else on the purpose; Enter in a one-line field submits; the button says how many it registers.
 */
export function OnboardingSheet({ agents, onClose, onDone }: { agents: readonly OnboardTarget[]; onClose: () => void; onDone: (count: number) => void }): ReactNode {
  const api = useApi();
  const details = useQueries({ queries: agents.map((agent) => agentQuery(api, { arn: agent.arn, scanId: agent.scanId })) });
  const facts = new Map<string, OnboardFacts>();
  agents.forEach((agent, index) => {
    const data = details[index]?.data;
    if (data !== undefined) facts.set(agent.arn, onboardFacts(data));
  });
  const failed = details.find((detail) => detail.error !== null)?.error ?? null;
  const register = useRegisterAll();
  const [values, setValues] = useState<SheetValues>({ owners: {}, purpose: '', dataScope: '', tierConfirmed: false });
  const [tried, setTried] = useState(false);
  const errors = validateSheet(agents, facts, values);
  const several = agents.length > 1;
  const ready = facts.size === agents.length;
  const form = useRef<HTMLFormElement>(null);
  const firstEmpty = agents.find((agent) => ownerValue(values, agent.arn, ownerPrefill(agent, facts.get(agent.arn) ?? null)).trim() === '')?.arn ?? null;

  // The suggestions arrive after the sheet opens and may fill the owner the focus started on: once they
  // are in, and while nothing was typed, the focus moves to the first field still to fill.
  const untouched = Object.keys(values.owners).length === 0 && values.purpose === '' && values.dataScope === '';
  useEffect(() => {
    if (ready && untouched) form.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // Only when the details arrive, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);

  // Asked for while the agents' details are still being read (and nothing else is wrong): registered as
  // soon as they are in, the button busy meanwhile, instead of asking the person to click again.
  const [queued, setQueued] = useState(false);
  const send = (): void => register.mutate(registrationCalls(agents, facts, values), { onSuccess: () => onDone(agents.length) });
  const submit = (): void => {
    setTried(true);
    if (errors.pending !== null && !hasErrors({ ...errors, pending: null })) {
      setQueued(true);
      return;
    }
    if (hasErrors(errors)) return;
    send();
  };
  const waiting = queued && !ready && failed === null;
  useEffect(() => {
    // Once, when the details arrive (never after a registration was sent: its outcome stands).
    if (queued && ready && failed === null && register.isIdle && !hasErrors(errors)) send();
    // Only when the details arrive or fail, with the values of that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queued, ready, failed]);
  const refusal = register.error !== null ? toApiError(register.error).message : failed !== null ? toApiError(failed).message : tried && !queued ? errors.pending : null;

  return (
    <FormDialog
      title={several ? `Register ${plural(agents.length, 'agent', 'agents')}` : `Register ${visibleText(agents[0]?.name ?? '')}`}
      description={
        <p>
          Registering says the team knows {several ? 'these agents' : 'this agent'}, who answers for {several ? 'each' : 'it'} and what {several ? 'they do' : 'it does'}. Recorded
          with your name in the audit log; nothing changes in AWS.
        </p>
      }
      size="md"
      formLabel="Register the agents"
      submitLabel={submitLabel(agents.length)}
      onSubmit={submit}
      onClose={onClose}
      busy={register.isPending || waiting}
      error={refusal}
      errorTitle="Not registered"
      formRef={form}
    >
      <ul className="onboarding__agents" aria-label="Agents to register" data-testid="onboarding-agents">
        {agents.map((agent) => {
          const fact = facts.get(agent.arn) ?? null;
          const prefill = ownerPrefill(agent, fact);
          const owner = ownerValue(values, agent.arn, prefill);
          return (
            <li key={agent.arn} className="onboarding__agent">
              <p className="onboarding__agent-name" title={agent.arn}>
                <span>{visibleText(agent.name)}</span>
                {fact !== null ? <TierBadge tier={fact.tier} overridden={fact.tierOverridden} /> : <span className="data-table__muted">reading…</span>}
              </p>
              <Field
                label={several ? `Owner of ${visibleText(agent.name)}` : 'Owner'}
                hint={prefill.why ?? (several ? undefined : 'The accountable person or team.')}
                error={tried ? (errors.owners[agent.arn] ?? null) : null}
                limit={{ max: TEXT_LIMITS.registryOwner, length: owner.length }}
              >
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    value={owner}
                    maxLength={TEXT_LIMITS.registryOwner}
                    {...(agent.arn === firstEmpty ? { 'data-autofocus': true } : {})}
                    onChange={(event) => setValues((current) => ({ ...current, owners: { ...current.owners, [agent.arn]: event.target.value } }))}
                  />
                )}
              </Field>
            </li>
          );
        })}
      </ul>
      <Field
        label="Purpose"
        hint={several ? `What ${agents.length === 2 ? 'both do' : 'they do'} with AI, one sentence for all ${agents.length}.` : 'What it does with AI, in one sentence.'}
        optional
        error={tried ? errors.purpose : null}
        limit={{ max: TEXT_LIMITS.registryNote, length: values.purpose.length }}
      >
        {(control) => (
          <input
            {...control}
            className="input"
            value={values.purpose}
            maxLength={TEXT_LIMITS.registryNote}
            {...(firstEmpty === null ? { 'data-autofocus': true } : {})}
            onChange={(event) => setValues((current) => ({ ...current, purpose: event.target.value }))}
          />
        )}
      </Field>
      <Field
        label="Data scope"
        hint="The data it reads or changes, e.g. “claims notes, no card data”."
        optional
        error={tried ? errors.dataScope : null}
        limit={{ max: TEXT_LIMITS.registryNote, length: values.dataScope.length }}
      >
        {(control) => (
          <input
            {...control}
            className="input"
            value={values.dataScope}
            maxLength={TEXT_LIMITS.registryNote}
            onChange={(event) => setValues((current) => ({ ...current, dataScope: event.target.value }))}
          />
        )}
      </Field>
      <div>
        <label className="choice">
          <input type="checkbox" checked={values.tierConfirmed} onChange={(event) => setValues((current) => ({ ...current, tierConfirmed: event.target.checked }))} />
          Tier confirmed
        </label>
        <p className="choice__hint">
          {several ? 'Each agent’s tier, beside its name, is right.' : 'The tier beside its name is right.'} Unticked: confirm it later.
        </p>
      </div>
    </FormDialog>
  );
}
