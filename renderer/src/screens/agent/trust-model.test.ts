import { describe, expect, it } from 'vitest';
import { readTrustPolicy, trustWarnings } from './trust-model';

describe('readTrustPolicy', () => {
  it('reads services, accounts, federated providers and conditions', () => {
    const [lambda, github] = readTrustPolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' },
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
        },
      ],
    });
    expect(lambda?.services).toEqual(['lambda.amazonaws.com']);
    expect(github?.federated).toHaveLength(1);
    expect(github?.conditions).toEqual([{ operator: 'StringEquals', key: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] }]);
    expect(trustWarnings(github!)).toHaveLength(1);
  });

  it('warns about anyone, and not when the subject is pinned', () => {
    const [open] = readTrustPolicy({ Statement: { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' } });
    expect(open?.anyone).toBe(true);
    expect(trustWarnings(open!)[0]).toMatch(/Anyone/);
    const [pinned] = readTrustPolicy({
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: 'x' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } },
      },
    });
    expect(trustWarnings(pinned!)).toEqual([]);
  });

  it('never throws on odd documents', () => {
    expect(readTrustPolicy({})).toEqual([]);
    expect(readTrustPolicy({ Statement: [null, 3, 'x'] })).toHaveLength(3);
  });
});
