/**
 * The 30-day plan on the Overview: one line ("Plan: week 2 · 8 of 18 verified · 2 late") opening the
 * Plan screen, or "Start the 30-day plan" before it starts; and the small "plan progress over time"
 * chart once there is a plan. Both read the plan's own query, so a plan change shows here at once.
 */
import './plan.css';
import type { ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { Icon } from '../../components/icon';
import { useQueryState } from '../../hooks/use-query';
import { BurnDownChart } from './burn-down-chart';
import { planCardText } from './plan-model';
import { planQuery } from './queries';

export function PlanCard(): ReactNode {
  const api = useApi();
  const plan = useQueryState(planQuery(api));
  // The Overview stands without the plan: while it loads or if it fails, the card is simply absent.
  if (plan.status !== 'ready') return null;
  const text = planCardText(plan.data);
  if (text === null) {
    return (
      <a className="plan-card" href="#/plan" data-testid="overview-plan">
        <span className="plan-card__text">
          <Icon name="flag" size={18} />
          Start the 30-day plan
        </span>
        <span className="plan-card__next">Four weeks to AI agents under control, measured from your scans →</span>
      </a>
    );
  }
  const { summary } = plan.data;
  return (
    <a className="plan-card" href="#/plan" data-testid="overview-plan">
      <span className="plan-card__text">
        <Icon name="flag" size={18} />
        {text}
      </span>
      <span className="plan-card__next">
        {summary.regressed > 0 ? `${summary.regressed} regressed · ` : ''}Open the plan →
      </span>
    </a>
  );
}

export function PlanProgressChart(): ReactNode {
  const api = useApi();
  const plan = useQueryState(planQuery(api));
  if (plan.status !== 'ready' || plan.data.plan === null) return null;
  return <BurnDownChart view={plan.data} compact />;
}
