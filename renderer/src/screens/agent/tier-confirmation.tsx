import './tier-confirmation.css';
import { useState, type ReactNode } from 'react';
import type { AgentDetail } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { useToast } from '../../app/toast-context';
import { Button } from '../../components/button';
import { Icon } from '../../components/icon';
import { formatDate, visibleText } from '../../lib/format';
import { useUpdateRegistry } from '../inventory/mutations';

/**
 * "Tier 1 confirmed by NAME on DATE", or a button that confirms the tier in force (the 30-day plan's
 * week 1 asks a person to confirm or override every Tier 1 tier). A confirmation is of one tier: when
 * the tier changes after it, it no longer counts and the button comes back.
 */
export function TierConfirmation({ arn, detail }: { arn: string; detail: AgentDetail }): ReactNode {
  const update = useUpdateRegistry();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const { registry, tier } = detail;
  const confirmed = registry.tierConfirmed !== null && registry.tierConfirmed === tier.tier;

  const confirm = (): void => {
    setError(null);
    update.mutateAsync({ arns: [arn], patch: { tierConfirmed: tier.tier }, reason: null }).then(
      () => toast(`Tier ${tier.tier} confirmed; recorded in the audit log.`, 'success'),
      (failure: unknown) => setError(toApiError(failure).message),
    );
  };

  return (
    <div className="tier-confirmation" data-testid="tier-confirmation">
      {confirmed ? (
        <p className="tier-confirmation__done">
          <Icon name="check-circle" size={16} />
          <span>
            Tier {tier.tier} confirmed by {registry.tierConfirmedBy !== null ? visibleText(registry.tierConfirmedBy) : 'a person'}
            {registry.tierConfirmedAt !== null ? ` on ${formatDate(registry.tierConfirmedAt)}` : ''}
          </span>
        </p>
      ) : (
        <>
          <p className="tier-confirmation__ask">
            {registry.tierConfirmed !== null
              ? `Tier ${registry.tierConfirmed} was confirmed${registry.tierConfirmedBy !== null ? ` by ${visibleText(registry.tierConfirmedBy)}` : ''}; the tier is now ${tier.tier}.`
              : 'Not confirmed by a person yet.'}{' '}
            Confirm the tier if it is right, or override it below.
          </p>
          <Button size="sm" icon="check" busy={update.isPending} onClick={confirm}>
            Confirm Tier {tier.tier}
          </Button>
        </>
      )}
      {error !== null ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
