/**
 * Bedrock long-term API keys: service-specific credentials for `bedrock.amazonaws.com`, for every
 * user of the account in one paginated listing (`AllUsers`). These are static secrets that call
 * Bedrock directly, exactly what step 3 wants replaced by roles.
 *
 * No per-user fallback when `AllUsers` is refused: it would cost one call per user (the inventory
 * should grow with pages, not principals) and needs the user list, which is gathered in the same
 * phase. The refusal is recorded as this collector's outcome instead, so "not looked" stays visible.
 */
import { IAMClient, ListServiceSpecificCredentialsCommand, type ListServiceSpecificCredentialsCommandOutput } from '@aws-sdk/client-iam';
import type { ServiceSpecificCredentialFacts } from '../../../discovery/facts';
import type { Collector } from '../../scanner/collector';
import { forEachPage, iamMarker } from './pages';
import { count, isoOrNull, sendOptions } from './sdk-values';

export const BEDROCK_SERVICE_NAME = 'bedrock.amazonaws.com';

export const serviceSpecificCredentialsCollector: Collector = {
  id: 'iam-service-specific-credentials',
  label: 'Bedrock API keys (service-specific credentials)',
  scope: 'global',
  phase: 1,
  async collect(ctx) {
    const iam = ctx.client(IAMClient, 'IAM');
    const credentials: ServiceSpecificCredentialFacts[] = [];
    await forEachPage<ListServiceSpecificCredentialsCommandOutput>({
      what: 'ListServiceSpecificCredentials',
      signal: ctx.signal,
      fetch: (marker) =>
        iam.send(
          new ListServiceSpecificCredentialsCommand({
            AllUsers: true,
            ServiceName: BEDROCK_SERVICE_NAME,
            MaxItems: 1000,
            ...(marker !== undefined && { Marker: marker }),
          }),
          sendOptions(ctx),
        ),
      nextToken: iamMarker('ListServiceSpecificCredentials'),
      onPage: (page, index) => {
        for (const entry of page.ServiceSpecificCredentials ?? []) {
          if (entry.ServiceSpecificCredentialId === undefined || entry.UserName === undefined) continue;
          credentials.push({
            id: entry.ServiceSpecificCredentialId,
            userName: entry.UserName,
            serviceName: entry.ServiceName ?? BEDROCK_SERVICE_NAME,
            serviceUserName: entry.ServiceUserName ?? null,
            status: entry.Status ?? 'Unknown',
            createdAt: isoOrNull(entry.CreateDate),
            expiresAt: isoOrNull(entry.ExpirationDate),
          });
        }
        ctx.progress(index + 1, page.IsTruncated === true ? index + 2 : index + 1);
      },
    });
    const active = credentials.filter((credential) => credential.status === 'Active').length;
    ctx.note(`${count(credentials.length, 'Bedrock API key')} (${active} active).`);
    return (draft) => {
      draft.serviceSpecificCredentials = credentials;
    };
  },
};
