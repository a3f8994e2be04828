/** Every discovery collector a live scan runs, in phase order (the runner groups them by phase). */
import type { Collector } from '../scanner/collector';
import { cloudTrailCreatorsCollector } from './creators/cloudtrail-creators';
import { IAM_COLLECTORS } from './iam';
import { WORKLOAD_COLLECTORS } from './workloads';

export const ALL_COLLECTORS: readonly Collector[] = [...IAM_COLLECTORS, ...WORKLOAD_COLLECTORS, cloudTrailCreatorsCollector];
