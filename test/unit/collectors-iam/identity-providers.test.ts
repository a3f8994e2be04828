/** iam-identity-providers: OIDC list + one read each, SAML from the list, a provider deleted mid-scan. */
import {
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { identityProvidersCollector, samlProviderName } from '@core/aws/collectors/iam/identity-providers';
import { identityProvidersFactsSchema } from '@core/discovery/facts';
import { runOf, runWithFramework } from './support';

const iam = mockClient(IAMClient);
afterAll(() => iam.restore());
beforeEach(() => iam.reset());

const GITHUB = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const EKS = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';

describe('iam-identity-providers', () => {
  it('reads each OIDC provider and lists SAML providers', async () => {
    iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: [{ Arn: GITHUB }, { Arn: EKS }] });
    iam.on(GetOpenIDConnectProviderCommand, { OpenIDConnectProviderArn: GITHUB }).resolves({
      Url: 'token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      CreateDate: new Date('2024-04-01T00:00:00Z'),
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    iam.on(GetOpenIDConnectProviderCommand, { OpenIDConnectProviderArn: EKS }).rejects(
      new NoSuchEntityException({ message: 'gone', $metadata: {} }),
    );
    iam.on(ListSAMLProvidersCommand).resolves({
      SAMLProviderList: [{ Arn: 'arn:aws:iam::123456789012:saml-provider/Okta', CreateDate: new Date('2023-01-01T00:00:00Z'), ValidUntil: new Date('2033-01-01T00:00:00Z') }],
    });
    const { runs, facts } = await runWithFramework([identityProvidersCollector]);
    expect(runOf(runs, 'iam-identity-providers')).toMatchObject({ outcome: 'ok', message: '1 OIDC provider, 1 SAML provider. 1 deleted while the scan ran.' });
    expect(identityProvidersFactsSchema.parse(facts.identityProviders)).toEqual({
      oidc: [
        {
          arn: GITHUB,
          url: 'token.actions.githubusercontent.com',
          clientIds: ['sts.amazonaws.com'],
          thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
          createdAt: '2024-04-01T00:00:00.000Z',
          tags: { team: 'platform' },
        },
      ],
      saml: [{ arn: 'arn:aws:iam::123456789012:saml-provider/Okta', name: 'Okta', createdAt: '2023-01-01T00:00:00.000Z', validUntil: '2033-01-01T00:00:00.000Z', tags: {} }],
    });
    expect(iam.commandCalls(GetOpenIDConnectProviderCommand)).toHaveLength(2);
  });

  it('none: empty lists (looked, found none), not null', async () => {
    iam.on(ListOpenIDConnectProvidersCommand).resolves({});
    iam.on(ListSAMLProvidersCommand).resolves({});
    const { facts } = await runWithFramework([identityProvidersCollector]);
    expect(facts.identityProviders).toEqual({ oidc: [], saml: [] });
  });

  it('names a SAML provider from its ARN', () => {
    expect(samlProviderName('arn:aws:iam::123456789012:saml-provider/Azure-AD')).toBe('Azure-AD');
    expect(samlProviderName('odd')).toBe('odd');
  });
});
