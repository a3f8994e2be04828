/**
 * A held meeting's minutes as printed pages (issue 13): when and who, the agenda with each outcome,
 * every decision with its note, deciders and evidence hash, the action items with owner and due date,
 * what was carried over, and a signature block. The same running header and footer as the leadership
 * report (page x of y, report ID, generation time, audit log head). Every name, note and reason is
 * people's or AWS's text: React text, never markup.
 */
import type { ReactNode } from 'react';
import type { Minutes, MinutesReport, PaperSize } from '@shared/contract';
import { visibleText } from '../lib/format';
import { decisionLabel } from '../screens/reviews/meeting-keys';
import { decisionSummary } from '../screens/reviews/meeting-model';
import { formatMeetingTime } from '../screens/reviews/time-zones';
import { formatDateTime } from './leadership-report-page';
import { cssString } from './print-route';

function outcomeText(outcome: Minutes['agenda'][number]['outcome']): string {
  if (outcome === 'carried_over') return 'Carried over';
  if (outcome === 'pending') return 'Not decided';
  return decisionLabel(outcome);
}

export function minutesPageRules(report: MinutesReport, paper: PaperSize): string {
  const left = `${report.organisation} · AI agent review · minutes`;
  const right = formatMeetingTime(report.minutes.scheduledFor, report.minutes.timeZone);
  const footer = [`Report ${report.reportId} · generated ${formatDateTime(report.generatedAt)}`, `Meeting ${report.minutes.meetingId}`, `Audit log head: ${report.audit.headHash ?? 'empty log'}`].join('\n');
  return `@page report {
  size: ${paper === 'letter' ? 'letter' : 'A4'};
  margin: 17mm ${paper === 'letter' ? '18mm' : '15mm'} 22mm;
  @top-left { content: ${cssString(left)}; }
  @top-right { content: ${cssString(right)}; }
  @bottom-left { content: ${cssString(footer)}; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); }
}`;
}

export function MinutesReportPage({ report, paper }: { report: MinutesReport; paper: PaperSize }): ReactNode {
  const { minutes } = report;
  const signers = minutes.attendees.length === 0 ? ['', ''] : minutes.attendees;
  return (
    <main className={`print-report print-report--${paper}`} data-report-id={report.reportId}>
      <style>{minutesPageRules(report, paper)}</style>
      <header className="rp-title">
        <h1>Minutes: {visibleText(minutes.title)}</h1>
        <p className="rp-muted">
          {visibleText(report.organisation)} · scheduled {formatMeetingTime(minutes.scheduledFor, minutes.timeZone)} · status {minutes.status.replace('_', ' ')}
        </p>
      </header>
      <dl className="rp-facts">
        <dt>Held</dt>
        <dd>
          {minutes.startedAt === null ? 'Not started' : formatDateTime(minutes.startedAt)}
          {minutes.endedAt === null ? (minutes.startedAt === null ? '' : ', still in progress') : ` to ${formatDateTime(minutes.endedAt)}`}
        </dd>
        <dt>Attendees</dt>
        <dd>{minutes.attendees.length === 0 ? 'None listed' : minutes.attendees.map(visibleText).join(', ')}</dd>
        <dt>Report</dt>
        <dd>
          {report.reportId}, generated {formatDateTime(report.generatedAt)}
        </dd>
      </dl>

      <section className="rp-block" aria-label="Agenda">
        <h2>Agenda ({minutes.agenda.length})</h2>
        {minutes.agenda.length === 0 ? (
          <p className="rp-muted">The agenda was empty.</p>
        ) : (
          <table className="rp-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Agent</th>
                <th scope="col">Tier</th>
                <th scope="col">Why it was due</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {minutes.agenda.map((entry, index) => (
                <tr key={entry.arn}>
                  <td>{index + 1}</td>
                  <td className="rp-name">{visibleText(entry.name)}</td>
                  <td className="rp-nowrap">Tier {entry.tier}</td>
                  <td>{visibleText(entry.reason)}</td>
                  <td>{outcomeText(entry.outcome)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="rp-block" aria-label="Decisions">
        <h2>Decisions ({minutes.decisions.length})</h2>
        {minutes.decisions.length === 0 ? <p className="rp-muted">No decision was recorded.</p> : null}
        {minutes.decisions.map((decision) => (
          <div key={decision.arn} className="rp-decision">
            <h3>
              {visibleText(decision.agentName)}: {decisionSummary(decision)}
            </h3>
            <dl className="rp-facts">
              <dt>Identity</dt>
              <dd className="rp-mono">{decision.arn}</dd>
              {decision.reason === null ? null : (
                <>
                  <dt>Reason</dt>
                  <dd>{visibleText(decision.reason)}</dd>
                </>
              )}
              <dt>Note</dt>
              <dd className="rp-note">{decision.note === '' ? '—' : decision.note}</dd>
              <dt>Decided by</dt>
              <dd>
                {decision.deciders.map(visibleText).join(', ')}, {formatDateTime(decision.decidedAt)}
              </dd>
              <dt>Evidence SHA-256</dt>
              <dd className="rp-mono">{decision.evidenceHash}</dd>
            </dl>
          </div>
        ))}
      </section>

      <section className="rp-block" aria-label="Action items">
        <h2>Action items ({minutes.actionItems.length})</h2>
        {minutes.actionItems.length === 0 ? (
          <p className="rp-muted">No action item.</p>
        ) : (
          // One item a paragraph, not a table: a long owner (an e-mail address) wraps with its words, and
          // the text reads in order when copied out of the PDF.
          <ol className="rp-list rp-actions">
            {minutes.actionItems.map((item) => (
              <li key={item.id}>
                <span className="rp-name">{visibleText(item.text)}</span> <span className="rp-muted">({visibleText(item.agentName)})</span>
                <br />
                Owner: <strong>{visibleText(item.owner)}</strong> · due <strong className="rp-nowrap">{item.dueDate}</strong>
                {item.overdue ? <strong> · OVERDUE</strong> : null} · {item.status === 'done' ? `done${item.doneAt === null ? '' : ` ${formatDateTime(item.doneAt)}`}` : 'open'}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="rp-block" aria-label="Carried over">
        <h2>Carried over to the next meeting ({minutes.carriedOver.length})</h2>
        {minutes.carriedOver.length === 0 ? (
          <p className="rp-muted">Nothing: every agent on the agenda was decided.</p>
        ) : (
          <ul className="rp-list">
            {minutes.carriedOver.map((entry) => (
              <li key={entry.arn}>
                <span className="rp-name">{visibleText(entry.name)}</span> (Tier {entry.tier})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="rp-block rp-signatures" aria-label="Signatures">
        <h2>Approved as a true record</h2>
        <div className="rp-signature-grid">
          {signers.map((name, index) => (
            <div key={`${index}-${name}`} className="rp-signature">
              <div className="rp-signature__line" />
              <p>{name === '' ? 'Name' : visibleText(name)}</p>
              <p className="rp-muted rp-small">Signature and date</p>
            </div>
          ))}
        </div>
        <p className="rp-muted rp-small">
          To check these minutes: open the same workspace and run <span className="rp-mono">warden audit verify</span>; each decision is an audit entry, and the newest entry&apos;s hash must equal the audit log head{' '}
          <span className="rp-mono">{report.audit.headHash ?? '(empty log)'}</span> (chain {report.audit.chainOk ? 'verified' : 'BROKEN'}).
        </p>
      </section>
    </main>
  );
}
