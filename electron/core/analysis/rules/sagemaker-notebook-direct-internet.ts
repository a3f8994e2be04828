import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/** A notebook with direct internet access can send data anywhere and fetch anything, outside the VPC's controls. */
export const sagemakerNotebookDirectInternet: RuleDefinition = {
  id: 'sagemaker_notebook_direct_internet',
  title: 'A SageMaker notebook has direct internet access',
  defaultSeverity: 'medium',
  step: 6,
  frameworks: [],
  firesWhen: 'a notebook instance has direct internet access',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const notebook of ctx.facts.sageMaker?.notebookInstances ?? []) {
      if (!notebook.directInternetAccess) continue;
      const name = notebook.name;
      findings.push(
        makeFinding(this, ctx, {
          principalArn: notebook.roleArn,
          resourceArn: notebook.arn,
          resourceId: notebook.name,
          region: notebook.region,
          evidence: { notebook: notebook.name, directInternetAccess: true, subnetId: notebook.subnetId, role: notebook.roleArn },
          remediation:
            `Direct internet access can only be set when a notebook is created. Create a replacement for ${notebook.name} in a private subnet with "Direct internet access" disabled ` +
            '(reach package mirrors through a NAT gateway or VPC endpoints), move the work over, then delete the old notebook.',
          fix: cliFix(
            shellLines([
              posix`aws sagemaker create-notebook-instance --region ${notebook.region} --notebook-instance-name ${`${notebook.name}-vpc`} --instance-type ml.t3.medium --role-arn ${notebook.roleArn ?? '<ROLE_ARN>'} --subnet-id '<PRIVATE_SUBNET_ID>' --security-group-ids '<SG_ID>' --direct-internet-access Disabled --root-access Disabled`,
              posix`aws sagemaker stop-notebook-instance --region ${notebook.region} --notebook-instance-name ${name}`,
              posix`aws sagemaker delete-notebook-instance --region ${notebook.region} --notebook-instance-name ${name}`,
            ]),
          ),
          explanation: 'A notebook with direct internet access can upload data to any site and download any code, bypassing the network controls of your VPC.',
        }),
      );
    }
    return findings;
  },
};
