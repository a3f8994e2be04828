/**
 * A meeting's minutes (pure): the model the app shows, the reports render to PDF and the CLI prints as
 * Markdown. Every name, note and reason comes from people or AWS, so the Markdown escapes each one: a
 * hostile agent name cannot add a heading, a link, a table cell or raw HTML.
 */
import type { Meeting, Minutes, ReviewDecisionKind } from '@shared/contract';

export const DECISION_LABELS: Readonly<Record<ReviewDecisionKind, string>> = {
  keep: 'Keep',
  keep_with_changes: 'Keep with changes',
  reduce_access: 'Reduce access',
  rotate_credentials: 'Rotate credentials',
  retier: 'Re-tier',
  decommission: 'Decommission',
  defer: 'Defer',
};

export function buildMinutes(meeting: Meeting, now: Date): Minutes {
  const decided = new Map(meeting.decisions.map((d) => [d.arn, d.decision]));
  const carried = new Set(meeting.carriedOver.map((entry) => entry.arn));
  return {
    meetingId: meeting.id,
    title: meeting.title,
    status: meeting.status,
    scheduledFor: meeting.scheduledFor,
    timeZone: meeting.timeZone,
    startedAt: meeting.startedAt,
    endedAt: meeting.endedAt,
    attendees: meeting.attendees,
    agenda: meeting.agenda.map((entry) => ({ ...entry, outcome: decided.get(entry.arn) ?? (carried.has(entry.arn) ? 'carried_over' : 'pending') })),
    decisions: meeting.decisions,
    actionItems: meeting.decisions.flatMap((d) => d.actionItems),
    carriedOver: meeting.carriedOver,
    generatedAt: now.toISOString(),
  };
}

/**
 * One line of text made inert in Markdown (CommonMark + GFM): line breaks and other controls become
 * visible escapes, so the text never starts a line (no list, heading or block of its own), and every
 * ASCII punctuation character that means something mid-line is backslash-escaped: emphasis, code,
 * links and images, raw HTML (`<`, `>`, `&`), table cells, a heading's closing `#`s, and `:` and `.`
 * so no GFM autolink (https://…, www.…, an e-mail address) turns a name into a link.
 */
export function markdownText(value: string): string {
  const visible = value.replace(/[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (ch) => `\\u{${ch.codePointAt(0)?.toString(16).toUpperCase() ?? ''}}`);
  return visible.replace(/[\\`*_{}[\]()#.!|<>~&:]/g, (ch) => `\\${ch}`);
}

const outcomeLabel = (outcome: Minutes['agenda'][number]['outcome']): string =>
  outcome === 'carried_over' ? 'Carried over' : outcome === 'pending' ? 'Not yet decided' : DECISION_LABELS[outcome];

export function minutesMarkdown(minutes: Minutes): string {
  const t = markdownText;
  const lines: string[] = [];
  lines.push(`# Minutes: ${t(minutes.title)}`, '');
  // Dates and hashes are ours (validated or generated): left readable, never escaped.
  lines.push(`- Scheduled: ${minutes.scheduledFor.replace('T', ' ')} (${t(minutes.timeZone)})`);
  lines.push(`- Held: ${minutes.startedAt ?? 'not started'}${minutes.endedAt === null ? '' : ` to ${minutes.endedAt}`}`);
  lines.push(`- Status: ${t(minutes.status)}`);
  lines.push(`- Attendees: ${minutes.attendees.length === 0 ? 'none recorded' : minutes.attendees.map(t).join(', ')}`, '');
  lines.push('## Agenda', '');
  if (minutes.agenda.length === 0) lines.push('Nothing was on the agenda.');
  minutes.agenda.forEach((entry, index) => lines.push(`${index + 1}. ${t(entry.name)} (Tier ${entry.tier}): ${t(outcomeLabel(entry.outcome))}. ${t(entry.reason)}`));
  lines.push('', '## Decisions', '');
  if (minutes.decisions.length === 0) lines.push('No decision was recorded.');
  for (const d of minutes.decisions) {
    lines.push(`### ${t(d.agentName)}: ${t(DECISION_LABELS[d.decision])}`, '');
    lines.push(`- Identity: ${t(d.arn)}`);
    if (d.newTier !== null) lines.push(`- New tier: ${d.newTier}`);
    if (d.deferUntil !== null) lines.push(`- Deferred until: ${d.deferUntil}`);
    if (d.reason !== null) lines.push(`- Reason: ${t(d.reason)}`);
    if (d.note !== '') lines.push(`- Note: ${t(d.note)}`);
    lines.push(`- Decided by ${d.deciders.map(t).join(', ')} at ${d.decidedAt}`);
    lines.push(`- Evidence SHA-256: ${d.evidenceHash}`, '');
  }
  lines.push('## Action items', '');
  if (minutes.actionItems.length === 0) lines.push('None.');
  for (const item of minutes.actionItems) {
    lines.push(`- [${item.status === 'done' ? 'x' : ' '}] ${t(item.text)} (${t(item.agentName)}): owner ${t(item.owner)}, due ${item.dueDate}${item.overdue ? ', OVERDUE' : ''}`);
  }
  lines.push('', '## Carried over to the next meeting', '');
  if (minutes.carriedOver.length === 0) lines.push('Nothing was carried over.');
  for (const entry of minutes.carriedOver) lines.push(`- ${t(entry.name)} (Tier ${entry.tier})`);
  lines.push('', `Generated ${minutes.generatedAt}.`, '');
  return lines.join('\n');
}
