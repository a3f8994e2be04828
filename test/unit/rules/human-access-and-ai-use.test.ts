/**
 * People are not agents, and administering AI is not running it (issue 10 §3): roles people sign in
 * through are human access (privilege still analysed, never shadow AI); identities whose AI permissions
 * only build and configure AI resources "manage AI" and are not raised as shadow AI.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '@core/discovery/facts';
import { isManagementAction } from '@core/analysis/inventory/ai-services';
import { toAgentRow } from '@core/analysis/agent-shape';
import { allow, analyse, emptyFacts, findingsOf, iam, reportRow, role, roleArn, user, userArn } from './support';

const SAML_PROVIDER = 'arn:aws:iam::123456789012:saml-provider/Okta';

function samlTrust(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: SAML_PROVIDER }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }],
  };
}

function mixedTrust(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Federated: SAML_PROVIDER }, Action: 'sts:AssumeRoleWithSAML' },
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  };
}

const ADMIN_AND_BEDROCK: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' },
  ],
};

describe('human access', () => {
  it('an Identity Center permission-set role and a SAML-federated role are human access: privilege findings stay, no shadow AI, no owner finding', () => {
    const facts = emptyFacts();
    const ssoPath = '/aws-reserved/sso.amazonaws.com/';
    iam(facts).roles.push(
      role('AWSReservedSSO_DataScientist_0123456789abcdef', { path: ssoPath, trustPolicy: samlTrust(), inlinePolicies: [{ name: 'p', document: ADMIN_AND_BEDROCK }] }),
      role('okta-analysts', { trustPolicy: samlTrust(), inlinePolicies: [{ name: 'p', document: ADMIN_AND_BEDROCK }] }),
      role('okta-and-lambda', { trustPolicy: mixedTrust(), inlinePolicies: [{ name: 'p', document: allow('bedrock:InvokeModel') }] }),
    );
    const result = analyse(facts);
    const byName = new Map(result.agents.map((agent) => [agent.name, agent]));
    for (const name of ['AWSReservedSSO_DataScientist_0123456789abcdef', 'okta-analysts']) {
      const agent = byName.get(name);
      expect(agent?.access, name).toBe('human');
      expect(agent?.ai, name).toBe(false);
      expect(agent?.aiUse, name).toBeNull();
      // The evidence stays visible: the signals are listed, they just do not make a person an agent.
      expect(agent?.aiSignals.length, name).toBeGreaterThan(0);
      expect(findingsOf(result, 'policy_full_admin').some((f) => f.principalArn === agent?.arn), name).toBe(true);
      expect(result.findings.filter((f) => f.principalArn === agent?.arn && ['shadow_ai_unregistered', 'agent_missing_owner'].includes(f.ruleId)), name).toEqual([]);
    }
    // A role machines may also assume is a workload identity, and its unregistered AI is shadow AI.
    expect(byName.get('okta-and-lambda')).toMatchObject({ access: 'workload', aiUse: 'runs', ai: true });
    expect(findingsOf(result, 'shadow_ai_unregistered').map((f) => f.resourceId)).toEqual(['okta-and-lambda']);
    const analysed = byName.get('okta-analysts');
    if (analysed === undefined) throw new Error('okta-analysts missing');
    const row = toAgentRow(analysed);
    expect([row.access, row.aiUse, row.ai]).toEqual(['human', null, false]);
  });

  it('a console user with Bedrock permissions is human access; a keys-only user with them is an AI agent', () => {
    const facts = emptyFacts();
    iam(facts).users.push(
      user('dana', { inlinePolicies: [{ name: 'p', document: allow('bedrock:InvokeModel') }] }),
      user('copy-bot', { inlinePolicies: [{ name: 'p', document: allow('bedrock:InvokeModel') }] }),
    );
    facts.credentialReport = { generatedAt: new Date().toISOString(), rows: [reportRow('dana', { passwordEnabled: true }), reportRow('copy-bot')] };
    const result = analyse(facts);
    expect(result.agents.find((a) => a.arn === userArn('dana'))).toMatchObject({ access: 'human', ai: false });
    expect(result.agents.find((a) => a.arn === userArn('copy-bot'))).toMatchObject({ access: 'workload', aiUse: 'runs', ai: true });
    expect(findingsOf(result, 'shadow_ai_unregistered').map((f) => f.principalArn)).toEqual([userArn('copy-bot')]);
  });
});

describe('runs AI or manages AI', () => {
  it('a deploy role with only control-plane AI permissions manages AI and is not shadow AI; one that invokes runs AI', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(
      role('terraform-bedrock', { inlinePolicies: [{ name: 'p', document: allow(['bedrock:CreateAgent', 'bedrock:UpdateAgent', 'bedrock:PrepareAgent', 'bedrock:GetAgent', 'sagemaker:CreateEndpoint', 'sagemaker:CreateEndpointConfig']) }] }),
      role('summarizer', { inlinePolicies: [{ name: 'p', document: allow('bedrock:InvokeModel') }] }),
      role('deploy-and-invoke', { inlinePolicies: [{ name: 'p', document: allow(['sagemaker:CreateEndpoint', 'sagemaker:InvokeEndpoint']) }] }),
      role('bedrock-everything', { inlinePolicies: [{ name: 'p', document: allow('bedrock:*') }] }),
      role('agent-exec', { trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' }] } }),
    );
    facts.serviceLastAccessed = [{ principalArn: roleArn('terraform-bedrock'), serviceNamespace: 'bedrock', serviceName: 'Amazon Bedrock', lastAuthenticated: new Date().toISOString(), lastAuthenticatedRegion: 'us-east-1', lastAuthenticatedEntity: null, totalAuthenticatedEntities: 1 }];
    const result = analyse(facts);
    const use = Object.fromEntries(result.agents.map((a) => [a.name, [a.aiUse, a.ai]]));
    expect(use).toEqual({
      'agent-exec': ['runs', true],
      'bedrock-everything': ['runs', true],
      'deploy-and-invoke': ['runs', true],
      summarizer: ['runs', true],
      'terraform-bedrock': ['manages', false],
    });
    expect(findingsOf(result, 'shadow_ai_unregistered').map((f) => f.resourceId).sort()).toEqual(['agent-exec', 'bedrock-everything', 'deploy-and-invoke', 'summarizer']);
    // Still governed as a machine: it needs an owner like any other.
    expect(findingsOf(result, 'agent_missing_owner').some((f) => f.resourceId === 'terraform-bedrock')).toBe(true);
  });

  it('classifies action patterns: control plane vs use', () => {
    for (const action of ['bedrock:CreateAgent', 'bedrock:UpdateAgentActionGroup', 'sagemaker:CreateEndpointConfig', 'sagemaker:UpdateEndpoint', 'bedrock:Update*', 'bedrock:AssociateAgentKnowledgeBase']) {
      expect(isManagementAction(action), action).toBe(true);
    }
    for (const action of ['bedrock:InvokeModel', 'bedrock:*', 'bedrock:Create*', 'sagemaker:CreateTrainingJob', 'bedrock:CreateModelInvocationJob', 'sagemaker:CreatePresignedNotebookInstanceUrl', 'comprehend:DetectSentiment', 'bedrock:Createx', 'sagemaker:InvokeEndpoint']) {
      expect(isManagementAction(action), action).toBe(false);
    }
  });
});
