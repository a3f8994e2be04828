/**
 * The leadership report as printed pages (issue 13). Page 1 stands alone: the verdict and the score
 * with its change, six KPIs with their change, the five top risks with owner and due date, the plan's
 * progress and the decisions leadership must take. Then the Overview's own charts (the same
 * components, fixed sizes), shadow AI, the top risks in detail with their fixes, the Tier 1 appendix,
 * a glossary and what an auditor needs to check it. Every name from AWS is React text, never markup.
 */
import type { ReactNode } from 'react';
import type { LeadershipReport, PaperSize, ReportKpi, ReportRisk } from '@shared/contract';
import { OverviewCharts } from '../screens/overview/overview-charts';
import { cssString } from './print-route';

const SEVERITY_WORDS: Record<ReportRisk['severity'], string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
/** Page 1 names at most this many of each decision's agents (the total is always said). */
const NAMES_ON_PAGE_ONE = 3;
const LATE_ON_PAGE_ONE = 3;

export function formatDate(value: string | null): string {
  if (value === null) return '—';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "6 Nov – 6 Dec 2026" (the year once when both ends share it), or "As of …" with nothing to compare. */
export function periodText(report: Pick<LeadershipReport, 'period'>): string {
  const { from, to } = report.period;
  if (from === null) return `As of ${formatDate(to)}`;
  const start = formatDate(from);
  const end = formatDate(to);
  const sameYear = from.slice(0, 4) === (to ?? '').slice(0, 4);
  return `${sameYear ? start.replace(/ \d{4}$/, '') : start} – ${end}`;
}

/** The arrow and words of a change: shape and words carry it, not colour (the page may print in grey). */
function Change({ delta, direction, previous, period }: { delta: number | null; direction: ReportKpi['direction']; previous: number | null; period: number | null }): ReactNode {
  // One line on the card (page 1 must fit on Letter too): the sentence under the KPIs says "in this period".
  if (delta === null || previous === null) return <span className="rp-change">{period === null ? 'no previous scan' : 'no earlier scan'}</span>;
  if (delta === 0) return <span className="rp-change">■ unchanged</span>;
  const arrow = delta > 0 ? '▲' : '▼';
  const words = direction === 'better' ? 'better' : direction === 'worse' ? 'worse' : 'change';
  return (
    <span className={`rp-change rp-change--${direction}`}>
      <span className="rp-nowrap">
        {arrow} {delta > 0 ? '+' : '−'}
        {Math.abs(delta)} {words}
      </span>{' '}
      <span className="rp-nowrap">(was {previous})</span>
    </span>
  );
}

/** Text with a line-break opportunity after each `@` (e-mail owners wrap as "team@" / "example.com", not mid-word). */
export function BreakAfterAt({ text }: { text: string }): ReactNode {
  const parts = text.split('@');
  return parts.map((part, index) => (
    // Index keys: the parts of one string, in order, never reordered.
    <span key={index}>
      {index > 0 ? '@' : ''}
      {index > 0 ? <wbr /> : null}
      {part}
    </span>
  ));
}

function Owner({ owner }: { owner: string | null }): ReactNode {
  return owner === null ? (
    <strong className="rp-no-owner">no owner</strong>
  ) : (
    <span className="rp-owner">
      <BreakAfterAt text={owner} />
    </span>
  );
}

/** A glossary line: `warden audit verify` in backticks is a command, set in the monospace font. */
function WithCommands({ text }: { text: string }): ReactNode {
  return text.split('`').map((part, index) =>
    // Odd parts were between backticks. Index keys: the parts of one string, in order.
    index % 2 === 1 ? <span key={index} className="rp-mono">{part}</span> : <span key={index}>{part}</span>,
  );
}

function AgentName({ agent }: { agent: ReportRisk['agent'] }): ReactNode {
  if (agent === null) return <span className="rp-muted">the account</span>;
  return (
    <>
      <span className="rp-name">{agent.name}</span>
      <span className="rp-muted">
        {' '}
        · {agent.tier === null ? 'no tier' : `Tier ${agent.tier}`} · {agent.accountId}
      </span>
    </>
  );
}

function MoreNames({ names, total, what }: { names: readonly { arn: string; name: string }[]; total: number; what: string }): ReactNode {
  if (total === 0) return <p className="rp-muted">None.</p>;
  const shown = names.slice(0, NAMES_ON_PAGE_ONE);
  return (
    <p>
      {shown.map((agent, index) => (
        <span key={agent.arn}>
          {index > 0 ? ', ' : ''}
          <span className="rp-name">{agent.name}</span>
        </span>
      ))}
      {total > shown.length ? ` and ${total - shown.length} more ${what}` : ''}
    </p>
  );
}

function PageOne({ report }: { report: LeadershipReport }): ReactNode {
  const { decisions, plan } = report;
  return (
    <section className="rp-sheet rp-sheet--first" aria-label="Summary">
      <header className="rp-title">
        <h1>Are our AI agents under control?</h1>
        <p className="rp-muted">
          {report.organisation} · {periodText(report)} · {report.scope.accountId === null ? `${report.scope.accounts.length} AWS accounts` : `AWS account ${report.scope.accountId}`}
        </p>
      </header>

      <div className={`rp-verdict ${report.verdict.ok ? 'rp-verdict--ok' : 'rp-verdict--not-yet'}`} data-testid="report-verdict">
        <div>
          <p className="rp-verdict__text">{report.verdict.text}</p>
          <ul className="rp-verdict__reasons">
            {report.verdict.reasons.slice(0, 3).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
        <div className="rp-score">
          <p className="rp-score__label">Posture score</p>
          <p className="rp-score__value">
            {report.score.value}
            <span>/100</span>
          </p>
          <Change period={report.period.days} delta={report.score.change} previous={report.score.previous} direction={report.score.change === null ? 'none' : report.score.change > 0 ? 'better' : report.score.change < 0 ? 'worse' : 'same'} />
        </div>
      </div>

      <div className="rp-kpis" data-testid="report-kpis">
        {report.kpis.map((kpi) => (
          <div key={kpi.id} className="rp-kpi">
            <p className="rp-kpi__label">{kpi.label}</p>
            <p className="rp-kpi__value">{kpi.value.toLocaleString('en-GB')}</p>
            <Change period={report.period.days} delta={kpi.delta} previous={kpi.previous} direction={kpi.direction} />
          </div>
        ))}
      </div>
      <p className="rp-muted rp-small rp-comparison" data-testid="report-comparison">
        {report.period.comparison}
      </p>

      <h2>Top {report.topRisks.length} risks</h2>
      {report.topRisks.length === 0 ? (
        <p>No open findings.</p>
      ) : (
        <table className="rp-table rp-risks">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Risk, in plain words</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {report.topRisks.map((risk) => (
              <tr key={risk.findingId}>
                <td className="rp-rank">{risk.rank}</td>
                <td>
                  <p className="rp-risk__title">
                    <span className={`rp-sev rp-sev--${risk.severity}`}>{SEVERITY_WORDS[risk.severity]}</span> {risk.title}
                    <span className="rp-risk__agent">
                      {' — '}
                      <AgentName agent={risk.agent} />
                    </span>
                  </p>
                  <p className="rp-risk__plain">{risk.plainWords}</p>
                </td>
                <td>
                  <Owner owner={risk.owner} />
                </td>
                <td className="rp-nowrap">{risk.dueDate === null ? <span className="rp-muted">no date</span> : formatDate(risk.dueDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="rp-muted rp-small">
        {report.openCriticalHigh} critical and high findings are open in all; these are the most severe, on the most exposed agents, one per agent. Their fixes follow the charts.
      </p>

      <div className="rp-columns">
        <section aria-label="30-day plan">
          <h2>30-day plan</h2>
          {plan === null ? (
            <p>Not started: start it on the Plan screen to track the first 30 days.</p>
          ) : (
            <>
              <p>
                <strong>{plan.week === null ? 'Outside its four weeks' : `Week ${plan.week} of 4`}</strong> (started {formatDate(plan.startDate)}) · <strong>{plan.verifiedPercent}% verified</strong> ({plan.done} of {plan.total} tasks)
                {plan.regressed > 0 ? ` · ${plan.regressed} undone again` : ''}
              </p>
              <div className="rp-bar" role="img" aria-label={`${plan.verifiedPercent}% verified`}>
                <div className="rp-bar__fill" style={{ width: `${Math.max(0, Math.min(100, plan.verifiedPercent))}%` }} />
              </div>
              {plan.late.length === 0 ? (
                <p>Nothing is late.</p>
              ) : (
                <>
                  <p className="rp-subhead">{plan.late.length} late:</p>
                  <ul className="rp-list">
                    {plan.late.slice(0, LATE_ON_PAGE_ONE).map((task) => (
                      <li key={task.title}>
                        {task.title} — <Owner owner={task.owner} />, due {formatDate(task.dueDate)}
                      </li>
                    ))}
                    {plan.late.length > LATE_ON_PAGE_ONE ? <li>and {plan.late.length - LATE_ON_PAGE_ONE} more</li> : null}
                  </ul>
                </>
              )}
            </>
          )}
        </section>
        <section aria-label="Decisions we need" data-testid="report-decisions">
          <h2>Decisions we need</h2>
          <p className="rp-subhead">Accepted risks expiring within 30 days: {decisions.expiringRisks.length}</p>
          {decisions.expiringRisks.length === 0 ? (
            <p className="rp-muted">None.</p>
          ) : (
            <ul className="rp-list">
              {decisions.expiringRisks.slice(0, NAMES_ON_PAGE_ONE).map((risk) => (
                <li key={risk.findingId}>
                  {risk.title} — until {formatDate(risk.until)}: renew or fix?
                </li>
              ))}
              {decisions.expiringRisks.length > NAMES_ON_PAGE_ONE ? <li>and {decisions.expiringRisks.length - NAMES_ON_PAGE_ONE} more</li> : null}
            </ul>
          )}
          <p className="rp-subhead">Unused identities to switch off (decommission): {decisions.decommissionTotal}</p>
          <MoreNames names={decisions.decommission} total={decisions.decommissionTotal} what="" />
          <p className="rp-subhead">AI agents nobody owns — name an owner: {decisions.missingOwnersTotal}</p>
          <MoreNames names={decisions.missingOwners} total={decisions.missingOwnersTotal} what="" />
        </section>
      </div>
    </section>
  );
}

function RiskDetail({ risk }: { risk: ReportRisk }): ReactNode {
  return (
    <article className="rp-detail">
      <h3>
        {risk.rank}. <span className={`rp-sev rp-sev--${risk.severity}`}>{SEVERITY_WORDS[risk.severity]}</span> {risk.title}
      </h3>
      <p className="rp-risk__agent">
        <AgentName agent={risk.agent} /> · owner <Owner owner={risk.owner} /> · {risk.dueDate === null ? 'no due date' : `due ${formatDate(risk.dueDate)}`}
        {risk.planTask === null ? '' : ` (plan task: ${risk.planTask})`} · open since {formatDate(risk.firstSeenAt)}
      </p>
      <p>{risk.explanation}</p>
      <p>
        <strong>What to do:</strong> {risk.remediation}
      </p>
      <p className="rp-subhead">{risk.fix.kind === 'aws-cli' ? 'The fix, as an AWS command line:' : 'The fix, as a policy document:'}</p>
      <pre className="rp-code">{risk.fix.text}</pre>
    </article>
  );
}

function AboutThisReport({ report }: { report: LeadershipReport }): ReactNode {
  return (
    <section className="rp-sheet" aria-label="About this report">
      <h2>About this report</h2>
      <dl className="rp-facts">
        <dt>Report ID</dt>
        <dd>{report.reportId}</dd>
        <dt>Generated</dt>
        <dd>{formatDateTime(report.generatedAt)}</dd>
        <dt>Audit log head</dt>
        <dd className="rp-mono">{report.audit.headHash === null ? 'the audit log is empty' : `${report.audit.headHash} (entry ${report.audit.headSeq ?? '—'}; chain ${report.audit.chainOk ? 'verified' : 'BROKEN'})`}</dd>
        <dt>Scans used</dt>
        <dd>
          <ul className="rp-list">
            {report.scope.accounts.map((account) => (
              <li key={account.scanId}>
                <span className="rp-mono">{account.scanId}</span> — {account.label}
                {account.accountId === null ? '' : ` (${account.accountId})`}, scanned <span className="rp-nowrap">{formatDateTime(account.scannedAt)}</span>
              </li>
            ))}
          </ul>
        </dd>
        <dt>Changes against</dt>
        <dd>
          <p>{report.period.comparison}</p>
          <ul className="rp-list">
            {report.period.comparedWith.map((scan) => (
              <li key={`${scan.accountId ?? ''}:${scan.scanId ?? ''}`}>
                {scan.label}
                {scan.accountId === null ? '' : ` (${scan.accountId})`}: {scan.scanId === null ? (report.period.days === null ? 'no previous scan' : 'no earlier scan in this period') : <><span className="rp-mono">{scan.scanId}</span>, scanned <span className="rp-nowrap">{scan.scannedAt === null ? '—' : formatDateTime(scan.scannedAt)}</span></>}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Posture score</dt>
        <dd>{report.score.formula}</dd>
      </dl>
      <p>
        To check it: open the same workspace and run <span className="rp-mono">warden audit verify</span>; the newest entry&apos;s hash must equal the audit log head above, and{' '}
        <span className="rp-mono">warden overview --format json</span> gives the figures of page 1.
      </p>
      <h2>Words used in this report</h2>
      <dl className="rp-facts">
        {report.glossary.map((entry) => (
          <div key={entry.term} className="rp-facts__row">
            <dt>{entry.term}</dt>
            <dd>
              <WithCommands text={entry.meaning} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * The appendix: one row per agent, every Tier 1 agent (or, when asked, every agent). The only part of
 * the report whose length follows the workspace: the rest is bounded (names capped, totals said).
 * Rows never split across pages (`break-inside: avoid`) and the column heads repeat on each page.
 */
function Appendix({ report }: { report: LeadershipReport }): ReactNode {
  const all = report.allAgents !== null;
  const agents = report.allAgents ?? report.tier1Agents;
  return (
    <section className="rp-sheet" aria-label={all ? 'Appendix: all agents' : 'Appendix: Tier 1 agents'}>
      <h2>
        {all
          ? `Appendix: all agents (${agents.length.toLocaleString('en-GB')})`
          : agents.length < report.tier1AgentsTotal
            ? `Appendix: Tier 1 agents (${agents.length.toLocaleString('en-GB')} of ${report.tier1AgentsTotal.toLocaleString('en-GB')})`
            : `Appendix: Tier 1 agents (${agents.length.toLocaleString('en-GB')})`}
      </h2>
      <p className="rp-muted rp-small">
        {all
          ? 'Every agent in the scope, Tier 1 first, AI agents first within a tier.'
          : 'Tier 1: agents that can reach sensitive data or take high-impact actions. AI agents first, then the most critical and high findings.'}
        {!all && agents.length < report.tier1AgentsTotal
          ? ` The other ${(report.tier1AgentsTotal - agents.length).toLocaleString('en-GB')} are on the Inventory screen (Tier 1), and in the report with every agent (“All agents” on the Reports screen, or warden report leadership --all-agents).`
          : ''}
      </p>
      <table className="rp-table rp-appendix">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            {all ? <th scope="col">Tier</th> : null}
            <th scope="col">AI</th>
            <th scope="col">Account</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
            <th scope="col" className="rp-num">
              Critical/high
            </th>
            <th scope="col" className="rp-num">
              Open
            </th>
            <th scope="col">Last used</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.arn}>
              <td className="rp-name">{agent.name}</td>
              {all ? <td className="rp-nowrap">{agent.tier === null ? '—' : `Tier ${agent.tier}`}</td> : null}
              <td>{agent.ai ? 'yes' : ''}</td>
              <td>{agent.accountId}</td>
              <td>
                <Owner owner={agent.owner} />
              </td>
              <td>{agent.status}</td>
              <td className="rp-num">{agent.criticalHigh}</td>
              <td className="rp-num">{agent.open}</td>
              <td className="rp-nowrap">{agent.lastUsedAt === null ? 'never' : formatDate(agent.lastUsedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The running header and footer of every page: CSS @page margin boxes take text only as CSS strings. */
export function pageRules(report: LeadershipReport, paper: PaperSize): string {
  const scans = report.scanIds.length <= 3 ? report.scanIds.join(', ') : `${report.scanIds.slice(0, 3).join(', ')} and ${report.scanIds.length - 3} more (see About this report)`;
  const left = `${report.organisation} · AI agent governance · leadership report`;
  const footer = [`Report ${report.reportId} · generated ${formatDateTime(report.generatedAt)}`, `Scans: ${scans}`, `Audit log head: ${report.audit.headHash ?? 'empty log'}`].join('\n');
  const size = paper === 'letter' ? 'letter' : 'A4';
  return `@page report {
  size: ${size};
  margin: 17mm ${paper === 'letter' ? '18mm' : '15mm'} 22mm;
  @top-left { content: ${cssString(left)}; }
  @top-right { content: ${cssString(periodText(report))}; }
  @bottom-left { content: ${cssString(footer)}; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); }
}`;
}

export function LeadershipReportPage({ report, paper }: { report: LeadershipReport; paper: PaperSize }): ReactNode {
  const { shadowAi } = report;
  return (
    <main className={`print-report print-report--${paper}`} data-report-id={report.reportId}>
      <style>{pageRules(report, paper)}</style>
      <PageOne report={report} />

      <section className="rp-sheet overview" aria-label="Charts">
        <h2>What the numbers look like</h2>
        <p className="rp-muted rp-small">The same charts as the Overview screen, from the same scans.</p>
        <OverviewCharts overview={report.overview} />
      </section>

      <section className="rp-block" aria-label="Shadow AI">
        <h2>Shadow AI: found and onboarded</h2>
        <p>
          The scans found <strong>{shadowAi.aiAgents} AI agents</strong>: {shadowAi.registered} registered (someone said what each is for and who answers for it), <strong>{shadowAi.unregistered} not registered</strong>
          {shadowAi.newSincePrevious > 0 ? `, of which ${shadowAi.newSincePrevious} ${report.period.days === null ? 'appeared since the previous scan' : `were first seen in the last ${report.period.days} days`}` : ''}.
        </p>
        {shadowAi.unregisteredAgents.length === 0 ? null : (
          <table className="rp-table">
            <thead>
              <tr>
                <th scope="col">Unregistered AI agent</th>
                <th scope="col">Account</th>
                <th scope="col">Tier</th>
                <th scope="col">Owner</th>
              </tr>
            </thead>
            <tbody>
              {shadowAi.unregisteredAgents.map((agent) => (
                <tr key={agent.arn}>
                  <td className="rp-name">{agent.name}</td>
                  <td>{agent.accountId}</td>
                  <td>{agent.tier === null ? '—' : `Tier ${agent.tier}`}</td>
                  <td>
                    <Owner owner={agent.owner} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {shadowAi.unregistered > shadowAi.unregisteredAgents.length ? (
          <p className="rp-muted rp-small" data-testid="report-shadow-more">
            And {(shadowAi.unregistered - shadowAi.unregisteredAgents.length).toLocaleString('en-GB')} more unregistered AI agents: the Inventory screen lists every one (status unregistered){report.allAgents === null ? ', and the appendix names those in Tier 1' : ', and the appendix names them all'}.
          </p>
        ) : null}
      </section>

      <section className="rp-sheet" aria-label="Top risks in detail">
        <h2>The top risks in detail, with their fixes</h2>
        {report.topRisks.map((risk) => (
          <RiskDetail key={risk.findingId} risk={risk} />
        ))}
      </section>

      <Appendix report={report} />

      <AboutThisReport report={report} />
    </main>
  );
}
