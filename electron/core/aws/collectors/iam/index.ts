/**
 * The IAM-family collectors, in run order: identity first (so a wrong account stops early in the
 * progress panel), then the inventory and the credential facts of phase 1, then service last
 * accessed in phase 3 (it ranks identities by the inventory and the workloads).
 */
import type { Collector } from '../../scanner/collector';
import { accountIdentityCollector } from './account-identity';
import { authorizationDetailsCollector } from './authorization-details';
import { credentialReportCollector } from './credential-report';
import { identityProvidersCollector } from './identity-providers';
import { organizationsCollector } from './organizations';
import { serviceLastAccessedCollector } from './service-last-accessed';
import { serviceSpecificCredentialsCollector } from './service-specific-credentials';

export const IAM_COLLECTORS: readonly Collector[] = [
  accountIdentityCollector,
  authorizationDetailsCollector,
  credentialReportCollector,
  identityProvidersCollector,
  serviceSpecificCredentialsCollector,
  organizationsCollector,
  serviceLastAccessedCollector,
];

export {
  accountIdentityCollector,
  authorizationDetailsCollector,
  credentialReportCollector,
  identityProvidersCollector,
  organizationsCollector,
  serviceLastAccessedCollector,
  serviceSpecificCredentialsCollector,
};
