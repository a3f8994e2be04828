/**
 * The plan's burn-down (recharts): how many of its criteria were still open at each recorded
 * evaluation, with the done ones beside it; a fixed accessible name holding the figures and a
 * "Show as table" alternative (the Overview's ChartCard). Also the Overview's small "plan progress
 * over time" chart (`compact`).
 */
import type { ReactNode } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { PlanView } from '@shared/contract';
import { ChartCard } from '../overview/chart-card';
import { burnDownLabel, burnDownPoints, type BurnDownPoint } from './plan-model';

const AXIS = { fill: 'var(--text-muted)', fontSize: 13 };
const AXIS_LINE = { stroke: 'var(--border-strong)' };
const TOOLTIP = {
  contentStyle: { background: 'var(--surface-raised)', border: '1px solid var(--border-strong)', borderRadius: 8, color: 'var(--text)' },
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
  itemStyle: { color: 'var(--text)' },
  cursor: { stroke: 'var(--border-strong)' },
};

function BurnDownTable({ points }: { points: readonly BurnDownPoint[] }): ReactNode {
  return (
    <table className="overview-table">
      <caption className="visually-hidden">Open criteria across evaluations</caption>
      <thead>
        <tr>
          <th scope="col">Evaluated</th>
          <th scope="col" className="num">
            Open
          </th>
          <th scope="col" className="num">
            Done
          </th>
          <th scope="col" className="num">
            Tasks
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((point) => (
          <tr key={point.key}>
            <th scope="row">
              <time dateTime={point.at}>{point.day}</time>
            </th>
            <td className="num">{point.open}</td>
            <td className="num">{point.done}</td>
            <td className="num">{point.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BurnDownChart({ burnDown, compact = false }: { burnDown: PlanView['burnDown']; compact?: boolean }): ReactNode {
  const points = burnDownPoints(burnDown);
  const title = compact ? 'Plan progress over time' : 'Burn-down';
  return (
    <ChartCard
      testId={compact ? 'chart-plan-progress' : 'chart-burn-down'}
      title={title}
      description={compact ? 'Open and done tasks of the 30-day plan at each evaluation.' : 'Open criteria at each recorded evaluation (a new scan or a change to a task); skipped tasks are left out.'}
      label={burnDownLabel(points)}
      height={compact ? 200 : 240}
      link={compact ? { href: '#/plan', text: 'Open the plan →' } : undefined}
      chart={(width, height) =>
        points.length === 0 ? (
          <p className="plan-chart__empty">Nothing recorded yet: the first evaluation is the plan&apos;s start.</p>
        ) : (
          <LineChart width={width} height={height} data={points} margin={{ top: 8, right: 28, bottom: 0, left: -12 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="day" tick={AXIS} axisLine={AXIS_LINE} tickLine={false} padding={{ left: 20, right: 20 }} />
            <YAxis allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} />
            <Tooltip {...TOOLTIP} />
            <Legend itemSorter={null} wrapperStyle={{ color: 'var(--text-muted)', fontSize: 13 }} />
            <Line type="stepAfter" dataKey="open" name="Open" stroke="var(--danger)" strokeWidth={2.5} dot={{ r: 3 }} isAnimationActive={false} />
            <Line type="stepAfter" dataKey="done" name="Done" stroke="var(--success)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          </LineChart>
        )
      }
      table={<BurnDownTable points={points} />}
    />
  );
}
