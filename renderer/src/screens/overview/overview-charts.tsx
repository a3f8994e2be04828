/**
 * The Overview's charts (recharts), each with its table. Colours are the theme's tokens through CSS
 * variables (overview.css), so light and dark both read; a bar or segment whose series carries a
 * filter opens that list on click, and the table's links do the same by keyboard.
 */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Overview } from '@shared/contract';
import { navigate } from '../../hooks/use-hash-path';
import { STEP_NAMES } from '../findings/findings-model';
import { PlanProgressChart } from '../plan/plan-card';
import { ChartCard } from './chart-card';
import { chartLabel, countPoints, ownershipRows, severitiesPresent, severityTierRows, trendWords, trendRows, type ChartPoint, type SeverityKey } from './overview-model';

const AXIS = { fill: 'var(--text-muted)', fontSize: 13 };
const AXIS_LINE = { stroke: 'var(--border-strong)' };
const TOOLTIP = {
  contentStyle: { background: 'var(--surface-raised)', border: '1px solid var(--border-strong)', borderRadius: 8, color: 'var(--text)' },
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
  itemStyle: { color: 'var(--text)' },
  cursor: { fill: 'var(--surface-hover)' },
};
const SEVERITY_COLOURS: Record<SeverityKey, string> = {
  critical: 'var(--chart-critical)',
  high: 'var(--chart-high)',
  medium: 'var(--chart-medium)',
  low: 'var(--chart-low)',
  info: 'var(--chart-info)',
};
const SEVERITY_WORDS: Record<SeverityKey, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
const TIER_COLOURS: Record<string, string> = { '1': 'var(--chart-tier1)', '2': 'var(--chart-tier2)', '3': 'var(--chart-tier3)' };
const AGE_COLOURS: Record<string, string> = {
  lt30: 'var(--chart-good)',
  d30to90: 'var(--chart-low)',
  d90to365: 'var(--chart-medium)',
  gt365: 'var(--chart-critical)',
  unknown: 'var(--chart-info)',
};

/** `#/findings?…` → the route navigate() takes. */
function open(href: string | null): void {
  if (href !== null) navigate(href.replace(/^#/, ''));
}

/** A number in a table cell, a link when the figure opens a list. */
function Figure({ value, href, name }: { value: number; href: string | null; name: string }): ReactNode {
  const text = value.toLocaleString('en-GB');
  return href === null || value === 0 ? (
    <span>{text}</span>
  ) : (
    <a href={href} aria-label={`${text} ${name}`}>
      {text}
    </a>
  );
}

function PointsTable({ points, caption, what }: { points: readonly ChartPoint[]; caption: string; what: string }): ReactNode {
  return (
    <table className="overview-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{what}</th>
          <th scope="col" className="num">
            Count
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((point) => (
          <tr key={point.key}>
            <th scope="row">{point.label}</th>
            <td className="num">
              <Figure value={point.value} href={point.href} name={`${caption}, ${point.label}`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A plain bar chart of points, each bar its own colour and link. */
function PointsBars({ points, width, height, colour, tickLabel }: { points: readonly ChartPoint[]; width: number; height: number; colour: (point: ChartPoint) => string; tickLabel?: (point: ChartPoint) => string }): ReactNode {
  const data = points.map((point) => ({ ...point, tick: tickLabel === undefined ? point.label : tickLabel(point) }));
  return (
    <BarChart width={width} height={height} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} accessibilityLayer={false}>
      <CartesianGrid vertical={false} stroke="var(--border)" />
      <XAxis dataKey="tick" tick={AXIS} axisLine={AXIS_LINE} tickLine={false} interval={0} />
      <YAxis allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} />
      <Tooltip {...TOOLTIP} formatter={(value) => [String(value), 'Count']} labelFormatter={(tick) => data.find((point) => point.tick === tick)?.label ?? ''} />
      <Bar dataKey="value" isAnimationActive={false} radius={[4, 4, 0, 0]} onClick={(_, index) => open(data[index]?.href ?? null)}>
        {data.map((point) => (
          <Cell key={point.key} fill={colour(point)} cursor={point.href === null ? undefined : 'pointer'} />
        ))}
      </Bar>
    </BarChart>
  );
}

function TiersChart({ overview }: { overview: Overview }): ReactNode {
  const points = countPoints(overview.series.tiers);
  const title = 'Identities by risk tier';
  return (
    <ChartCard
      testId="chart-tiers"
      title={title}
      description="Tier 1 touches sensitive data or can take high-impact actions."
      label={chartLabel(title, points)}
      chart={(width, height) => <PointsBars points={points} width={width} height={height} colour={(point) => TIER_COLOURS[point.key] ?? 'var(--chart-info)'} />}
      table={<PointsTable points={points} caption={title} what="Tier" />}
    />
  );
}

function SeverityTierChart({ overview }: { overview: Overview }): ReactNode {
  const rows = severityTierRows(overview.series.findingsBySeverityTier);
  const severities = severitiesPresent(rows);
  const title = 'Open findings by severity and tier';
  const label = chartLabel(
    title,
    rows.map((row) => ({ label: `${row.label} (${severities.map((key) => `${SEVERITY_WORDS[key]} ${row.counts[key]}`).join(', ')})`, value: row.total })),
  );
  const data = rows.map((row) => ({ label: row.label, ...row.counts }));
  return (
    <ChartCard
      testId="chart-severity-tier"
      title={title}
      description="By the tier of the identity each finding is about."
      label={label}
      chart={(width, height) => (
        <BarChart width={width} height={height} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tick={AXIS} axisLine={AXIS_LINE} tickLine={false} interval={0} />
          <YAxis allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} />
          <Tooltip {...TOOLTIP} />
          <Legend itemSorter={null} wrapperStyle={{ color: 'var(--text-muted)', fontSize: 13 }} />
          {severities.map((key) => (
            <Bar key={key} dataKey={key} name={SEVERITY_WORDS[key]} stackId="severity" fill={SEVERITY_COLOURS[key]} isAnimationActive={false} cursor="pointer" onClick={(_, index) => open(rows[index]?.hrefs[key] ?? null)} />
          ))}
        </BarChart>
      )}
      table={
        <table className="overview-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Tier</th>
              {severities.map((key) => (
                <th key={key} scope="col" className="num">
                  {SEVERITY_WORDS[key]}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.tier}>
                <th scope="row">{row.label}</th>
                {severities.map((key) => (
                  <td key={key} className="num">
                    <Figure value={row.counts[key]} href={row.hrefs[key]} name={`open ${key} findings, ${row.label}`} />
                  </td>
                ))}
                <td className="num">{row.total.toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function StepsChart({ overview }: { overview: Overview }): ReactNode {
  const points = countPoints(overview.series.findingsByStep).map((point) => ({ ...point, label: `Step ${point.key}: ${STEP_NAMES[Number(point.key)] ?? point.label}` }));
  const title = 'Open findings by step of the 10-step plan';
  return (
    <ChartCard
      testId="chart-steps"
      title={title}
      label={chartLabel(title, points)}
      chart={(width, height) => <PointsBars points={points} width={width} height={height} colour={() => 'var(--chart-accent)'} tickLabel={(point) => point.key} />}
      table={<PointsTable points={points} caption={title} what="Step" />}
    />
  );
}

function TrendChart({ overview }: { overview: Overview }): ReactNode {
  const data = trendRows(overview.series.trend);
  const title = 'Findings across scans';
  const label = data.length === 0 ? `${title}: nothing to show` : `${title}: ${data.map((point) => `${point.day} open ${point.open}, new ${point.new}, resolved ${point.resolved}`).join('; ')}`;
  return (
    <ChartCard
      testId="chart-trend"
      title={title}
      description={trendWords(overview).what}
      hint={trendWords(overview).click}
      label={label}
      chart={(width, height) => (
        <LineChart
          width={width}
          height={height}
          data={data}
          margin={{ top: 8, right: 16, bottom: 0, left: -12 }}
          accessibilityLayer={false}
          style={{ cursor: data.length === 0 ? undefined : 'pointer' }}
          // A click anywhere over a date opens what that date counts (the table's links do it by keyboard).
          onClick={(state) => open(data[Number(state.activeTooltipIndex)]?.href ?? null)}
        >
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="day" tick={AXIS} axisLine={AXIS_LINE} tickLine={false} padding={{ left: 28, right: 28 }} />
          <YAxis allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} />
          <Tooltip {...TOOLTIP} cursor={{ stroke: 'var(--border-strong)' }} />
          <Legend itemSorter={null} wrapperStyle={{ color: 'var(--text-muted)', fontSize: 13 }} />
          <Line type="monotone" dataKey="open" name="Open" stroke="var(--chart-accent)" strokeWidth={2.5} dot={{ r: 4 }} isAnimationActive={false} />
          <Line type="monotone" dataKey="new" name="New" stroke="var(--chart-critical)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          <Line type="monotone" dataKey="resolved" name="Resolved" stroke="var(--chart-good)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      )}
      table={
        <table className="overview-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col" className="num">
                Open
              </th>
              <th scope="col" className="num">
                New
              </th>
              <th scope="col" className="num">
                Resolved
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((point) => (
              <tr key={point.date}>
                <th scope="row">
                  <a href={point.href} aria-label={`${point.day}: open ${point.opensWords}`}>
                    <time dateTime={point.date}>{point.day}</time>
                  </a>
                </th>
                <td className="num">{point.open.toLocaleString('en-GB')}</td>
                <td className="num">{point.new.toLocaleString('en-GB')}</td>
                <td className="num">{point.resolved.toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function KeyAgesChart({ overview }: { overview: Overview }): ReactNode {
  const points = countPoints(overview.series.keyAges).filter((point) => point.key !== 'unknown' || point.value > 0);
  const title = 'Identities by their oldest access key';
  return (
    <ChartCard
      testId="chart-key-ages"
      title={title}
      description="Each identity with an active access key counts once, by its oldest key. Keys older than 90 days should be rotated or replaced by roles."
      label={chartLabel(title, points)}
      chart={(width, height) => <PointsBars points={points} width={width} height={height} colour={(point) => AGE_COLOURS[point.key] ?? 'var(--chart-info)'} />}
      table={<PointsTable points={points} caption={title} what="Oldest key" />}
    />
  );
}

function OwnershipChart({ overview }: { overview: Overview }): ReactNode {
  const rows = ownershipRows(overview);
  const title = 'Ownership coverage';
  const label = chartLabel(
    title,
    rows.map((row) => ({ label: `${row.label} with an owner (of ${(row.owned + row.unowned).toLocaleString('en-GB')}, ${row.percent}%)`, value: row.owned })),
  );
  const data = rows.map((row) => ({ ...row, label: `${row.label} · ${row.percent}%` }));
  return (
    <ChartCard
      testId="chart-ownership"
      title={title}
      description="Who answers for each identity, from the registry."
      hint="A bar opens the identities it counts."
      label={label}
      height={180}
      chart={(width, height) => (
        <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis type="number" allowDecimals={false} tick={AXIS} axisLine={AXIS_LINE} tickLine={false} />
          <YAxis type="category" dataKey="label" tick={AXIS} axisLine={false} tickLine={false} width={150} />
          <Tooltip {...TOOLTIP} />
          <Legend itemSorter={null} wrapperStyle={{ color: 'var(--text-muted)', fontSize: 13 }} />
          <Bar dataKey="owned" name="With an owner" stackId="owner" fill="var(--chart-good)" isAnimationActive={false} cursor="pointer" onClick={(_, index) => open(rows[index]?.ownedHref ?? null)} />
          <Bar dataKey="unowned" name="No owner" stackId="owner" fill="var(--chart-critical)" isAnimationActive={false} cursor="pointer" onClick={(_, index) => open(rows[index]?.unownedHref ?? null)} />
        </BarChart>
      )}
      table={
        <table className="overview-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Identities</th>
              <th scope="col" className="num">
                With an owner
              </th>
              <th scope="col" className="num">
                No owner
              </th>
              <th scope="col" className="num">
                Coverage
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="num">
                  <Figure value={row.owned} href={row.ownedHref} name={`${row.label} with an owner`} />
                </td>
                <td className="num">
                  <Figure value={row.unowned} href={row.unownedHref} name={`${row.label} without an owner`} />
                </td>
                <td className="num">{row.percent}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function OverviewCharts({ overview }: { overview: Overview }): ReactNode {
  return (
    <section className="overview__charts" aria-label="Charts">
      <TiersChart overview={overview} />
      <SeverityTierChart overview={overview} />
      <TrendChart overview={overview} />
      <StepsChart overview={overview} />
      <KeyAgesChart overview={overview} />
      <OwnershipChart overview={overview} />
      <PlanProgressChart plan={overview.plan} />
    </section>
  );
}
