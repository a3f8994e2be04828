/**
 * Federated identity providers: OIDC (GitHub Actions, EKS clusters, …: URL, client IDs, thumbprints,
 * tags) and SAML. These are how workloads get short-lived credentials instead of access keys, so an
 * agent whose role trusts one of them is federated (step 3).
 *
 * ListOpenIDConnectProviders gives only ARNs, so each provider costs one GetOpenIDConnectProvider;
 * accounts have a handful. ListSAMLProviders already carries the dates; SAML tags would need one
 * more call per provider that the scanner policy does not grant, so they are left empty.
 */
import { GetOpenIDConnectProviderCommand, IAMClient, ListOpenIDConnectProvidersCommand, ListSAMLProvidersCommand } from '@aws-sdk/client-iam';
import type { OidcProviderFacts, SamlProviderFacts } from '../../../discovery/facts';
import type { Collector } from '../../scanner/collector';
import { count, isAwsError, isoOrNull, sendOptions, tagsOf } from './sdk-values';

/** `arn:aws:iam::123456789012:saml-provider/Okta` → `Okta`. */
export function samlProviderName(arn: string): string {
  const at = arn.indexOf(':saml-provider/');
  return at >= 0 ? arn.slice(at + ':saml-provider/'.length) : arn;
}

export const identityProvidersCollector: Collector = {
  id: 'iam-identity-providers',
  label: 'IAM OIDC and SAML identity providers',
  scope: 'global',
  phase: 1,
  async collect(ctx) {
    const iam = ctx.client(IAMClient, 'IAM');
    const [oidcList, samlList] = await Promise.all([
      iam.send(new ListOpenIDConnectProvidersCommand({}), sendOptions(ctx)),
      iam.send(new ListSAMLProvidersCommand({}), sendOptions(ctx)),
    ]);
    const oidcArns = (oidcList.OpenIDConnectProviderList ?? []).flatMap((entry) => (entry.Arn !== undefined ? [entry.Arn] : []));
    let gone = 0;
    let done = 0;
    const oidc = await ctx.mapLimit(oidcArns, async (arn): Promise<OidcProviderFacts | null> => {
      try {
        const provider = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }), sendOptions(ctx));
        return {
          arn,
          // AWS keeps the issuer without its scheme (`token.actions.githubusercontent.com`); kept as AWS says.
          url: provider.Url ?? '',
          clientIds: provider.ClientIDList ?? [],
          thumbprints: provider.ThumbprintList ?? [],
          createdAt: isoOrNull(provider.CreateDate),
          tags: tagsOf(provider.Tags),
        };
      } catch (error) {
        // Deleted between the list and the read: it no longer exists, so it is not a fact.
        if (isAwsError(error, 'NoSuchEntity')) {
          gone += 1;
          return null;
        }
        throw error;
      } finally {
        done += 1;
        ctx.progress(done, oidcArns.length);
      }
    });
    const saml: SamlProviderFacts[] = (samlList.SAMLProviderList ?? []).flatMap((entry) =>
      entry.Arn === undefined
        ? []
        : [{ arn: entry.Arn, name: samlProviderName(entry.Arn), createdAt: isoOrNull(entry.CreateDate), validUntil: isoOrNull(entry.ValidUntil), tags: {} }],
    );
    const found = oidc.filter((provider): provider is OidcProviderFacts => provider !== null);
    ctx.note(`${count(found.length, 'OIDC provider')}, ${count(saml.length, 'SAML provider')}.${gone > 0 ? ` ${gone} deleted while the scan ran.` : ''}`);
    return (draft) => {
      draft.identityProviders = { oidc: found, saml };
    };
  },
};
