/**
 * Every migration, in order. Add a file `NNNN-name.ts` and its test, then append it here; the runner
 * checks that versions run 1, 2, 3… without gaps.
 */
import { migration0001Initial } from './0001-initial';
import { migration0002AnalysisStore } from './0002-analysis-store';
import { migration0003UserPolicies } from './0003-user-policies';
import { migration0004SharedTexts } from './0004-shared-texts';
import { migration0005ScanMetrics } from './0005-scan-metrics';
import { migration0006Plan } from './0006-plan';
import { migration0007Reviews } from './0007-reviews';
import { migration0008ConnectionSchedules } from './0008-connection-schedules';
import type { Migration } from './migration';

export type { Migration, MigrationContext } from './migration';

export const MIGRATIONS: readonly Migration[] = [migration0001Initial, migration0002AnalysisStore, migration0003UserPolicies, migration0004SharedTexts, migration0005ScanMetrics, migration0006Plan, migration0007Reviews, migration0008ConnectionSchedules];

/** The newest schema this build of the app can read and write. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.length;
