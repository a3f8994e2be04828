import { describe, expect, it } from 'vitest';
import { groupPolicyActions, nonReadActions } from './scanner-policy-model';

describe('scanner policy', () => {
  it('groups actions by service in a fixed order, unknown services last', () => {
    const groups = groupPolicyActions(['lambda:ListFunctions', 'iam:GetCredentialReport', 'sts:GetCallerIdentity', 'kms:DescribeKey', 'iam:GetAccountSummary']);
    expect(groups.map((g) => g.prefix)).toEqual(['sts', 'iam', 'lambda', 'kms']);
    expect(groups[1]?.actions).toEqual(['iam:GetAccountSummary', 'iam:GetCredentialReport']);
    expect(groups[3]?.purpose).toBe('Read by the scanner.');
    // The optional event history read says what it is for.
    expect(groupPolicyActions(['cloudtrail:LookupEvents'])[0]?.purpose).toMatch(/LookupEvents reads who created .* new since the previous scan/);
  });

  it('names the actions that are not plain reads', () => {
    expect(nonReadActions(['iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'sts:AssumeRole', 'ec2:DescribeRegions', 'cloudtrail:LookupEvents'])).toEqual([
      'iam:GenerateCredentialReport',
      'sts:AssumeRole',
    ]);
  });
});
