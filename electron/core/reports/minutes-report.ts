/**
 * A held meeting's minutes as a printable report (pure): the `reviews:minutes` model unchanged, with
 * what every printed page carries — a report ID, the generation time and the audit log head — so an
 * auditor can match the printed minutes to the workspace's audit log (the decisions are audit entries).
 */
import { createHash } from 'node:crypto';
import type { Minutes, MinutesReport } from '@shared/contract';

export interface MinutesReportInput {
  now: Date;
  organisation: string;
  minutes: Minutes;
  audit: MinutesReport['audit'];
}

/** `MN-YYYYMMDD-xxxxxxxx`: the same meeting and audit head on the same day give the same ID. */
export function minutesReportId(now: Date, meetingId: string, headHash: string | null): string {
  const digest = createHash('sha256').update(JSON.stringify(['minutes', meetingId, headHash])).digest('hex').slice(0, 8);
  return `MN-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${digest}`;
}

export function buildMinutesReport(input: MinutesReportInput): MinutesReport {
  return {
    reportId: minutesReportId(input.now, input.minutes.meetingId, input.audit.headHash),
    generatedAt: input.now.toISOString(),
    organisation: input.organisation,
    audit: input.audit,
    minutes: input.minutes,
  };
}
