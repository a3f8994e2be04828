import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/** An endpoint whose config encrypts its storage volume only with AWS-owned keys (no customer KMS key). */
export const sagemakerEndpointNoKms: RuleDefinition = {
  id: 'sagemaker_endpoint_no_kms',
  title: 'A SageMaker endpoint has no KMS key for its storage',
  defaultSeverity: 'medium',
  step: 6,
  frameworks: [],
  firesWhen: 'an endpoint config has no KMS key for its storage volume',
  evaluate(ctx: RuleContext): Finding[] {
    const sageMaker = ctx.facts.sageMaker;
    if (sageMaker === null) return [];
    const configs = new Map(sageMaker.endpointConfigs.map((config) => [`${config.region}\u0000${config.name}`, config]));
    const models = new Map(sageMaker.models.map((model) => [`${model.region}\u0000${model.name}`, model]));
    const findings: Finding[] = [];
    for (const endpoint of sageMaker.endpoints) {
      const config = configs.get(`${endpoint.region}\u0000${endpoint.endpointConfigName}`);
      // A config we could not read says nothing either way.
      if (config === undefined || config.kmsKeyId !== null) continue;
      const modelName = config.productionVariants.find((variant) => variant.modelName !== null)?.modelName ?? null;
      const role = modelName === null ? null : (models.get(`${endpoint.region}\u0000${modelName}`)?.executionRoleArn ?? null);
      findings.push(
        makeFinding(this, ctx, {
          principalArn: role,
          resourceArn: endpoint.arn,
          resourceId: endpoint.name,
          region: endpoint.region,
          evidence: { endpoint: endpoint.name, endpointConfig: config.name, kmsKeyId: null, variants: config.productionVariants.map((v) => ({ variant: v.variantName, model: v.modelName })) },
          remediation:
            `Endpoint configs cannot be changed: create a copy of ${config.name} with a customer-managed KMS key, then update ${endpoint.name} to use it (SageMaker swaps without downtime).`,
          fix: cliFix(
            shellLines([
              posix`aws sagemaker describe-endpoint-config --region ${endpoint.region} --endpoint-config-name ${config.name}`,
              posix`aws sagemaker create-endpoint-config --region ${endpoint.region} --endpoint-config-name ${`${config.name}-kms`} --kms-key-id '<KMS_KEY_ARN>' --production-variants file://variants.json`,
              posix`aws sagemaker update-endpoint --region ${endpoint.region} --endpoint-name ${endpoint.name} --endpoint-config-name ${`${config.name}-kms`}`,
            ]),
          ),
          explanation: 'With a customer-managed key you control and audit who can decrypt the model and data on the endpoint\'s storage, and you can revoke access by disabling the key.',
        }),
      );
    }
    return findings;
  },
};
