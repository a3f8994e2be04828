/**
 * An identity's listed escalation paths (agents:get, review evidence, the CEL view's canEscalate) agree
 * with the privilege_escalation finding and the tier reasons on the demo company: the graph's paths and
 * the iam:PassRole-on-every-role combinations both count, so a listed "no path" never sits beside a
 * finding that says there is one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isPermissionSubject } from '@core/analysis/rules/identities';
import { buildAgentView, isPolicySubject } from '@core/analysis/team-policies/agent-view';
import { analyseDemo, DEMO_NOW, type AnalysedDemoAccount } from './demo-support';

const SAGEMAKER_ROLE = 'AmazonSageMaker-ExecutionRole-20240311T101512';

let demo: Map<string, AnalysedDemoAccount>;

beforeAll(async () => {
  demo = await analyseDemo();
}, 60_000);

describe('escalation paths agree with privilege_escalation', () => {
  it('lists a path for every identity the finding names, and none for any other identity the rules look at', () => {
    const disagree: string[] = [];
    let withFinding = 0;
    let without = 0;
    for (const { current, previous } of demo.values()) {
      for (const result of [current, previous]) {
        const named = new Set(result.findings.filter((f) => f.ruleId === 'privilege_escalation').map((f) => f.principalArn));
        for (const agent of result.agents) {
          if (!isPermissionSubject(agent)) continue;
          const listed = agent.escalationPaths.length > 0;
          if (named.has(agent.arn)) withFinding += 1;
          else without += 1;
          if (listed !== named.has(agent.arn)) disagree.push(`${agent.arn}: ${agent.escalationPaths.length} paths, finding ${named.has(agent.arn) ? 'fires' : 'silent'}`);
          const view = buildAgentView({ agent, findingCounts: agent.findingCounts, registry: null, now: DEMO_NOW });
          if (isPolicySubject(agent) && view.canEscalate !== named.has(agent.arn)) disagree.push(`${agent.arn}: canEscalate ${view.canEscalate}`);
        }
      }
    }
    expect(disagree).toEqual([]);
    expect(withFinding).toBeGreaterThan(0);
    expect(without).toBeGreaterThan(0);
  });

  it('lists the SageMaker execution role’s PassRole combination as a path naming the actions and the service', () => {
    const agent = [...demo.values()].flatMap(({ current }) => current.agents).find((a) => a.name === SAGEMAKER_ROLE);
    expect(agent?.tier.reasons.some((r) => r.reason.startsWith('privilege-escalation path: iam:PassRole + sagemaker:CreateNotebookInstance'))).toBe(true);
    const path = agent?.escalationPaths.find((p) => p.outcome === 'pass-any-role' && p.steps[0]?.actions.includes('sagemaker:CreateNotebookInstance'));
    expect(path?.steps).toEqual([
      expect.objectContaining({
        from: agent?.arn,
        technique: 'iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl',
        actions: ['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'],
        to: 'any role sagemaker.amazonaws.com can assume',
      }),
    ]);
    expect(path?.steps[0]?.explanation).toMatch(/^AmazonSageMaker-ExecutionRole-20240311T101512 creates a SageMaker notebook .* iam:PassRole is allowed on .*covers every role/);
  });
});
