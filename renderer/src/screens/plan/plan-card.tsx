/**
 * The 30-day plan on the Overview, from `overview:get`'s plan (its last recorded evaluation, equal to
 * the Plan screen's): one line ("Plan: week 2 · 8 of 18 verified · 2 late") opening the Plan screen, or
 * "Start the 30-day plan" before it starts; and the small "plan progress over time" chart.
 */
import './plan.css';
import type { ReactNode } from 'react';
import type { Overview } from '@shared/contract';
import { Icon } from '../../components/icon';
import { BurnDownChart } from './burn-down-chart';
import { planCardText } from './plan-model';

export function PlanCard({ plan }: { plan: Overview['plan'] }): ReactNode {
  const text = planCardText(plan);
  if (plan === null || text === null) {
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
  return (
    <a className="plan-card" href="#/plan" data-testid="overview-plan">
      <span className="plan-card__text">
        <Icon name="flag" size={18} />
        {text}
      </span>
      <span className="plan-card__next">
        {plan.summary.regressed > 0 ? `${plan.summary.regressed} regressed · ` : ''}Open the plan →
      </span>
    </a>
  );
}

/** Nothing before the plan starts: the card says how to start it. */
export function PlanProgressChart({ plan }: { plan: Overview['plan'] }): ReactNode {
  if (plan === null) return null;
  return <BurnDownChart burnDown={plan.progress} compact />;
}
