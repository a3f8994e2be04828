/**
 * What the room saw of one agent (pure), stored with each decision and hashed: the SHA-256 of its
 * canonical JSON (keys sorted, lists in a fixed order), so the same snapshot always has the same hash
 * and anyone can recompute it from the stored JSON.
 */
import { createHash } from 'node:crypto';
import type { AgendaEntry, AgentCredential, AgentDetail, ReviewEvidence } from '@shared/contract';
import { canonicalJson } from '../../lib/canonical-json';

const OPEN_STATUSES: ReadonlySet<string> = new Set(['new', 'open', 'regressed']);

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function credentialOf(credential: AgentCredential): ReviewEvidence['credentials'][number] {
  switch (credential.type) {
    case 'access-key':
      return { type: credential.type, label: `access key ${credential.slot}`, active: credential.active, ageDays: credential.ageDays };
    case 'signing-certificate':
      return { type: credential.type, label: `signing certificate ${credential.slot}`, active: credential.active, ageDays: credential.ageDays };
    case 'console-password':
      return { type: credential.type, label: 'console password', active: credential.enabled, ageDays: null };
    default:
      return { type: credential.type, label: `${credential.serviceName} ${credential.id}`, active: credential.active, ageDays: credential.ageDays };
  }
}

/** The evidence of an agent as agents:get shows it. */
export function evidenceFromDetail(detail: AgentDetail): ReviewEvidence {
  const { agent } = detail;
  return {
    arn: agent.arn,
    name: agent.name,
    accountId: agent.accountId,
    scanId: detail.scan.id,
    owner: agent.owner,
    status: detail.registry.status,
    tier: detail.tier.tier,
    tierReasons: detail.tier.reasons.map((reason) => reason.reason),
    credentials: agent.credentials.map(credentialOf).sort((a, b) => byText(`${a.type} ${a.label}`, `${b.type} ${b.label}`)),
    permissions: detail.permissions
      .map((service) => ({
        service: service.service,
        levels: Object.entries(service.levels)
          .filter(([, count]) => count.allowed > 0)
          .map(([level]) => level)
          .sort(byText),
        anyResource: service.anyResource,
      }))
      .filter((service) => service.levels.length > 0)
      .sort((a, b) => byText(a.service, b.service)),
    escalation: detail.escalationPaths.map((path) => ({ outcome: path.outcome, via: path.steps.map((step) => step.technique) })).sort((a, b) => byText(canonicalJson(a), canonicalJson(b))),
    workloads: agent.workloads.map((w) => ({ arn: w.arn, type: w.type, name: w.name, region: w.region })).sort((a, b) => byText(a.arn, b.arn)),
    openFindings: detail.findings
      .filter((finding) => OPEN_STATUSES.has(finding.status))
      .map((finding) => ({ fingerprint: finding.fingerprint, ruleId: finding.ruleId, severity: finding.severity, title: finding.title }))
      .sort((a, b) => byText(a.fingerprint, b.fingerprint)),
  };
}

/** The evidence of an agent no current scan has any more: only what the agenda recorded. */
export function evidenceWithoutScan(entry: AgendaEntry, registry: { owner: string | null; status: string }): ReviewEvidence {
  return {
    arn: entry.arn,
    name: entry.name,
    accountId: entry.accountId,
    scanId: null,
    owner: registry.owner,
    status: registry.status,
    tier: entry.tier,
    tierReasons: [],
    credentials: [],
    permissions: [],
    escalation: [],
    workloads: [],
    openFindings: [],
  };
}

/** SHA-256 (hex) of the evidence's canonical JSON. */
export function evidenceHash(evidence: ReviewEvidence): string {
  return createHash('sha256').update(canonicalJson(evidence)).digest('hex');
}
