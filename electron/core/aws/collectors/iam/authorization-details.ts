/**
 * The whole IAM inventory in pages of up to 1000 entities: GetAccountAuthorizationDetails with every
 * entity type (users, groups, roles with tags, RoleLastUsed, trust policy and permissions boundary,
 * and managed policies with their versions). The calls grow with pages, not principals: a
 * 10,000-principal account costs about ten calls where a per-entity walk costs tens of thousands.
 *
 * Each page goes through the same element mappers as the offline import (they accept the SDK's Date
 * objects and URL-encoded policy documents), so live and imported facts are identical; only the
 * mapped facts are kept, never the raw pages.
 */
import { GetAccountAuthorizationDetailsCommand, IAMClient, type EntityType, type GetAccountAuthorizationDetailsCommandOutput } from '@aws-sdk/client-iam';
import { AppError } from '../../../errors';
import { mapAuthorizationDetailsElement } from '../../../discovery/import/authorization-details';
import { AUTHORIZATION_DETAILS_LISTS } from '../../../discovery/import/authorization-details-splitter';
import { IamInventoryBuilder } from '../../../discovery/import/iam-inventory-builder';
import type { Collector } from '../../scanner/collector';
import { forEachPage, iamMarker } from './pages';
import { count, sendOptions } from './sdk-values';

/** Every entity type: AWS-managed policies too, for the documents of those attached in the account. */
export const AUTHORIZATION_DETAILS_FILTER: readonly EntityType[] = ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'];

/** AWS's largest page. */
export const AUTHORIZATION_DETAILS_PAGE_SIZE = 1000;

/**
 * A managed policy's name is the last segment of its ARN (`…:policy/service-role/Name`). AWS always
 * sends both, but emulators (moto) leave `PolicyName` out; derive it rather than drop the policy.
 */
function withPolicyName(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const policy = raw as { PolicyName?: unknown; Arn?: unknown };
  if (policy.PolicyName !== undefined || typeof policy.Arn !== 'string' || !policy.Arn.includes(':policy/')) return raw;
  return { ...policy, PolicyName: policy.Arn.slice(policy.Arn.lastIndexOf('/') + 1) };
}

export const authorizationDetailsCollector: Collector = {
  id: 'iam-authorization-details',
  label: 'IAM users, groups, roles and policies',
  scope: 'global',
  phase: 1,
  async collect(ctx) {
    const iam = ctx.client(IAMClient, 'IAM');
    const builder = new IamInventoryBuilder();
    const skipped: string[] = [];
    const pages = await forEachPage<GetAccountAuthorizationDetailsCommandOutput>({
      what: 'GetAccountAuthorizationDetails',
      signal: ctx.signal,
      fetch: (marker) =>
        iam.send(
          new GetAccountAuthorizationDetailsCommand({
            Filter: [...AUTHORIZATION_DETAILS_FILTER],
            MaxItems: AUTHORIZATION_DETAILS_PAGE_SIZE,
            ...(marker !== undefined && { Marker: marker }),
          }),
          sendOptions(ctx),
        ),
      nextToken: iamMarker('GetAccountAuthorizationDetails'),
      onPage: (page, index) => {
        for (const list of AUTHORIZATION_DETAILS_LISTS) {
          (page[list] ?? []).forEach((raw: unknown, position) => {
            const where = `page ${index + 1} ${list}[${position}]`;
            let element;
            try {
              element = mapAuthorizationDetailsElement(list, list === 'Policies' ? withPolicyName(raw) : raw, where);
            } catch (error) {
              // One odd entity must not cost the whole inventory: keep the rest, say what was left out.
              if (error instanceof AppError && error.code === 'invalid_input') {
                skipped.push(error.message);
                return;
              }
              throw error;
            }
            builder.add(element, where);
          });
        }
        // The total is unknown until the last page; show one more page to come while AWS says so.
        ctx.progress(index + 1, page.IsTruncated === true ? index + 2 : index + 1);
      },
    });
    // Throws when the ARNs name another account than the one scanned.
    const inventory = builder.finish(ctx.accountId);
    const { users, groups, roles, policies } = inventory.iam;
    for (const warning of inventory.warnings) ctx.warn(warning);
    if (skipped.length > 0) {
      ctx.warn(`${skipped.length} IAM ${skipped.length === 1 ? 'entity was' : 'entities were'} left out because AWS returned an unexpected shape (first: ${skipped[0] ?? ''})`);
    }
    ctx.note(
      `${count(users.length, 'user')}, ${count(groups.length, 'group')}, ${count(roles.length, 'role')}, ${count(policies.length, 'managed policy', 'managed policies')} in ${count(pages, 'page')}.` +
        (skipped.length > 0 ? ` ${skipped.length} left out (see warnings).` : ''),
    );
    return (draft) => {
      draft.iam = inventory.iam;
    };
  },
};
