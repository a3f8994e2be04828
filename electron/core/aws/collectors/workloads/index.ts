/** The regional workload collectors (phase 2): each runs once per scanned region and merges into its own section. */
import type { Collector } from '../../scanner/collector';
import { bedrockAgentsCollector } from './bedrock-agents';
import { bedrockCollector } from './bedrock';
import { cloudTrailCollector } from './cloudtrail';
import { lambdaFunctionsCollector } from './lambda-functions';
import { sageMakerCollector } from './sagemaker';

export { bedrockAgentsCollector, bedrockCollector, cloudTrailCollector, lambdaFunctionsCollector, sageMakerCollector };

export const WORKLOAD_COLLECTORS: readonly Collector[] = [
  lambdaFunctionsCollector,
  sageMakerCollector,
  bedrockCollector,
  bedrockAgentsCollector,
  cloudTrailCollector,
];
