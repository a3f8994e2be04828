/**
 * Building findings: every rule fills in the same fields the same way (fingerprint, account, step,
 * frameworks), so rules only say what is specific to them.
 */
import type { JsonObject } from '../../discovery/facts';
import { accountIdOfArn } from '../../discovery/arn';
import type { Finding, FindingFix, Severity, Tier } from '../types';
import type { ShellText } from '../../lib/posix-shell';
import { findingFingerprint } from './fingerprint';
import type { RuleContext, RuleDefinition } from './rule';

export interface FindingDraft {
  severity?: Severity;
  title?: string;
  principalArn: string | null;
  resourceArn: string;
  /** A short name for the resource (`access key 1`, a function name, a region). */
  resourceId: string | null;
  region?: string | null;
  /** Set when one resource can violate the rule more than once. */
  discriminator?: string | null;
  evidence: JsonObject;
  remediation: string;
  fix: FindingFix;
  explanation: string;
}

export function makeFinding(rule: RuleDefinition, ctx: RuleContext, draft: FindingDraft): Finding {
  return {
    fingerprint: findingFingerprint(rule.id, draft.resourceArn, draft.discriminator ?? null),
    ruleId: rule.id,
    severity: draft.severity ?? rule.defaultSeverity,
    step: rule.step,
    title: draft.title ?? rule.title,
    principalArn: draft.principalArn,
    resourceArn: draft.resourceArn,
    resourceId: draft.resourceId,
    // The resource's own account when its ARN names one (a workload in another account), else the scan's.
    accountId: accountIdOfArn(draft.resourceArn) ?? ctx.facts.account.id,
    region: draft.region ?? null,
    evidence: draft.evidence,
    remediation: draft.remediation,
    fix: draft.fix,
    frameworks: [...rule.frameworks],
    explanation: draft.explanation,
  };
}

/** An AWS CLI fix for a POSIX shell; only `posix` builds its text, so every value in it is quoted. */
export function cliFix(command: ShellText): FindingFix {
  return { kind: 'aws-cli', text: command.text };
}

export function policyFix(document: JsonObject): FindingFix {
  return { kind: 'policy-json', text: JSON.stringify(document, null, 2) };
}

/** Severity raised for Tier 1 agents ("medium (T1: high)"). */
export function raisedForTier1(base: Severity, raised: Severity, tier: Tier): Severity {
  return tier === 1 ? raised : base;
}

/** The key pseudo-ARN: the credential report has no key IDs, so a key is its user and its slot. */
export function accessKeyResourceArn(userArn: string, slot: 1 | 2): string {
  return `${userArn}/access-key/${slot}`;
}

/** The last path segment of an ARN's resource (a role, user or function name). */
export function nameOfArn(arn: string): string {
  const tail = arn.slice(arn.lastIndexOf(':') + 1);
  return tail.slice(tail.lastIndexOf('/') + 1) || arn;
}
