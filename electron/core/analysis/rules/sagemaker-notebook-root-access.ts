import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/** Root on a notebook lets its users change the instance itself (agents, credentials helpers, packages). */
export const sagemakerNotebookRootAccess: RuleDefinition = {
  id: 'sagemaker_notebook_root_access',
  title: 'A SageMaker notebook allows root access',
  defaultSeverity: 'low',
  step: 6,
  frameworks: [],
  firesWhen: 'a notebook instance allows root access',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const notebook of ctx.facts.sageMaker?.notebookInstances ?? []) {
      if (!notebook.rootAccess) continue;
      const name = notebook.name;
      findings.push(
        makeFinding(this, ctx, {
          principalArn: notebook.roleArn,
          resourceArn: notebook.arn,
          resourceId: notebook.name,
          region: notebook.region,
          evidence: { notebook: notebook.name, rootAccess: true, status: notebook.status },
          remediation: `Stop ${notebook.name}, set "Root access" to Disabled, and start it again. Install needed packages through a lifecycle configuration instead.`,
          fix: cliFix(
            shellLines([
              posix`aws sagemaker stop-notebook-instance --region ${notebook.region} --notebook-instance-name ${name}`,
              posix`aws sagemaker update-notebook-instance --region ${notebook.region} --notebook-instance-name ${name} --root-access Disabled`,
              posix`aws sagemaker start-notebook-instance --region ${notebook.region} --notebook-instance-name ${name}`,
            ]),
          ),
          explanation: 'With root, anyone using the notebook can change its system software and tamper with what other users of the instance run.',
        }),
      );
    }
    return findings;
  },
};
