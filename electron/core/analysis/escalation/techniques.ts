/**
 * The known privilege-escalation techniques, as data: Rhino Security Labs' list (Spencer Gietzen's 21
 * IAM methods), the BishopFox iam-vulnerable lab's categories (SageMaker, SSM, EC2 Instance Connect,
 * CodeBuild, CloudFormation UpdateStack, assume-role chains) and a few newer PassRole targets.
 *
 * Each technique says which actions an attacker needs (all of them), what it acts on, and what it
 * gains. The graph (graph.ts) decides whether a principal holds them on an actual target.
 */

/** What a technique acts on, which tells the graph where to look for targets. */
export type TechniqueTarget =
  /** A user or role's own permissions (its user/role ARN): write an inline policy or attach one. */
  | 'identity-policy'
  /** A group's permissions (its group ARN): for a member that is its own power. */
  | 'group-policy'
  /** A customer-managed policy (its policy ARN): for one attached to the actor, its own power. */
  | 'managed-policy'
  /** A group to join: the actor (a user) gains the group's permissions. */
  | 'group-membership'
  /** Another user's credentials: the actor becomes that user. */
  | 'user-credentials'
  /** A role's trust policy: rewritten to name the actor, which then assumes the role. */
  | 'role-trust'
  /** A role whose trust policy already lets the actor assume it. */
  | 'assume-role'
  /** A role passed to a service that then runs the actor's code with it. */
  | 'passable-role'
  /** The role of an existing workload (function, stack, endpoint, notebook, instance) the actor can reprogram. */
  | 'workload-role';

/**
 * What the actor ends up with: the target's permissions (an edge in the graph), any policy it
 * likes on the target (admin, when the target is itself), or a change whose effect the facts
 * cannot show (an older policy version).
 */
export type TechniqueGain = 'target-permissions' | 'arbitrary-policy' | 'unknown-policy-version';

/** Which existing workloads a `workload-role` technique reprograms. */
export type WorkloadKind = 'lambda-function' | 'sagemaker-notebook' | 'ec2-instance' | 'glue-dev-endpoint' | 'cloudformation-stack' | 'codebuild-project';

export interface EscalationTechnique {
  id: string;
  /** Shown in paths, e.g. `iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction`. */
  label: string;
  /** Every action needed. */
  actions: readonly string[];
  /** The action whose resource is the target (checked against the target's ARN); null when none is (workloads seen only by their role). */
  targetAction: string | null;
  target: TechniqueTarget;
  gain: TechniqueGain;
  /** For `passable-role` and `workload-role`: the service principal the role must trust. */
  service?: string;
  /** EC2 needs the role in an instance profile. */
  needsInstanceProfile?: boolean;
  /** For `workload-role`: what is reprogrammed. */
  workload?: WorkloadKind;
  /** Where the technique is catalogued. */
  reference: string;
  /** One line; `{target}` is replaced by the target's name. */
  explanation: string;
}

const RHINO = 'Rhino Security Labs, AWS IAM privilege escalation methods';
const LAB = 'BishopFox iam-vulnerable';

function passRole(
  id: string,
  service: string,
  actions: string[],
  reference: string,
  explanation: string,
  needsInstanceProfile = false,
): EscalationTechnique {
  return {
    id,
    label: ['iam:PassRole', ...actions].join(' + '),
    actions: ['iam:PassRole', ...actions],
    targetAction: 'iam:PassRole',
    target: 'passable-role',
    gain: 'target-permissions',
    service,
    needsInstanceProfile,
    reference,
    explanation,
  };
}

function workload(
  id: string,
  service: string,
  workloadKind: WorkloadKind,
  actions: string[],
  reference: string,
  explanation: string,
  needsInstanceProfile = false,
): EscalationTechnique {
  return {
    id,
    label: actions.join(' + '),
    actions,
    targetAction: null,
    target: 'workload-role',
    gain: 'target-permissions',
    service,
    workload: workloadKind,
    needsInstanceProfile,
    reference,
    explanation,
  };
}

function rewrite(id: string, action: string, target: TechniqueTarget, gain: TechniqueGain, reference: string, explanation: string): EscalationTechnique {
  return { id, label: action, actions: [action], targetAction: action, target, gain, reference, explanation };
}

export const ESCALATION_TECHNIQUES: readonly EscalationTechnique[] = [
  // --- Rewriting policies (on oneself: admin; on others: a foothold to hand out admin) -----------
  rewrite('create-policy-version', 'iam:CreatePolicyVersion', 'managed-policy', 'arbitrary-policy', `${RHINO} #1`,
    'writes a new default version of the customer policy {target} with any permissions'),
  rewrite('set-default-policy-version', 'iam:SetDefaultPolicyVersion', 'managed-policy', 'unknown-policy-version', `${RHINO} #2`,
    'makes another (possibly broader) stored version of {target} the default; the facts do not hold non-default versions'),
  rewrite('attach-user-policy', 'iam:AttachUserPolicy', 'identity-policy', 'arbitrary-policy', `${RHINO} #7`,
    'attaches any managed policy (e.g. AdministratorAccess) to {target}'),
  rewrite('attach-role-policy', 'iam:AttachRolePolicy', 'identity-policy', 'arbitrary-policy', `${RHINO} #9`,
    'attaches any managed policy (e.g. AdministratorAccess) to {target}'),
  rewrite('put-user-policy', 'iam:PutUserPolicy', 'identity-policy', 'arbitrary-policy', `${RHINO} #10`,
    'writes an inline policy with any permissions on {target}'),
  rewrite('put-role-policy', 'iam:PutRolePolicy', 'identity-policy', 'arbitrary-policy', `${RHINO} #12`,
    'writes an inline policy with any permissions on {target}'),
  rewrite('attach-group-policy', 'iam:AttachGroupPolicy', 'group-policy', 'arbitrary-policy', `${RHINO} #8`,
    'attaches any managed policy (e.g. AdministratorAccess) to the group {target}'),
  rewrite('put-group-policy', 'iam:PutGroupPolicy', 'group-policy', 'arbitrary-policy', `${RHINO} #11`,
    'writes an inline policy with any permissions on the group {target}'),
  rewrite('add-user-to-group', 'iam:AddUserToGroup', 'group-membership', 'target-permissions', `${RHINO} #13`,
    'adds a user to the group {target} and so gains its permissions'),

  // --- Taking over another user's credentials ---------------------------------------------------
  rewrite('create-access-key', 'iam:CreateAccessKey', 'user-credentials', 'target-permissions', `${RHINO} #4`,
    'creates an access key for the user {target} and acts as it'),
  rewrite('create-login-profile', 'iam:CreateLoginProfile', 'user-credentials', 'target-permissions', `${RHINO} #5`,
    'sets a console password for the user {target} (which has none) and signs in as it'),
  rewrite('update-login-profile', 'iam:UpdateLoginProfile', 'user-credentials', 'target-permissions', `${RHINO} #6`,
    'changes the console password of the user {target} and signs in as it'),

  // --- Roles: assuming, and rewriting trust -----------------------------------------------------
  {
    id: 'assume-role',
    label: 'sts:AssumeRole',
    actions: ['sts:AssumeRole'],
    targetAction: 'sts:AssumeRole',
    target: 'assume-role',
    gain: 'target-permissions',
    reference: `${LAB} (privesc-AssumeRole chain)`,
    explanation: "assumes the role {target}, whose trust policy allows it",
  },
  {
    id: 'update-assume-role-policy',
    // Why only this action: the rewritten trust names the actor's own ARN, and within one account a
    // trust policy naming a principal lets it assume the role without sts:AssumeRole of its own.
    label: 'iam:UpdateAssumeRolePolicy (+ sts:AssumeRole)',
    actions: ['iam:UpdateAssumeRolePolicy'],
    targetAction: 'iam:UpdateAssumeRolePolicy',
    target: 'role-trust',
    gain: 'target-permissions',
    reference: `${RHINO} #14`,
    explanation: 'rewrites the trust policy of {target} to name itself, then assumes it',
  },

  // --- Passing a role to a service that runs the attacker's code --------------------------------
  passRole('lambda-create-invoke', 'lambda.amazonaws.com', ['lambda:CreateFunction', 'lambda:InvokeFunction'], `${RHINO} #15`,
    'creates a Lambda function running as {target} and invokes it'),
  passRole('lambda-create-event-source', 'lambda.amazonaws.com', ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], `${RHINO} #16`,
    'creates a Lambda function running as {target} and triggers it from an event source (e.g. a DynamoDB stream)'),
  passRole('lambda-create-add-permission', 'lambda.amazonaws.com', ['lambda:CreateFunction', 'lambda:AddPermission'], `${RHINO} #15 (variant)`,
    'creates a Lambda function running as {target} and grants itself (or anyone) the right to invoke it'),
  passRole('lambda-create-function-url', 'lambda.amazonaws.com', ['lambda:CreateFunction', 'lambda:CreateFunctionUrlConfig'], `${RHINO} #15 (variant)`,
    'creates a Lambda function running as {target} behind a function URL and calls it'),
  passRole('ec2-run-instances', 'ec2.amazonaws.com', ['ec2:RunInstances'], `${RHINO} #3; ${LAB} fn1`,
    'launches an EC2 instance with the instance profile of {target} and runs its user data (no key pair needed)', true),
  passRole('autoscaling-launch-configuration', 'ec2.amazonaws.com', ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'], 'Rhino Security Labs (autoscaling variant of #3)',
    'starts instances with the instance profile of {target} through an Auto Scaling group', true),
  passRole('cloudformation-create-stack', 'cloudformation.amazonaws.com', ['cloudformation:CreateStack'], `${RHINO} #20`,
    'creates a CloudFormation stack that runs as {target} and provisions anything'),
  passRole('cloudformation-change-set', 'cloudformation.amazonaws.com', ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'], 'CloudFormation change-set variant of #20',
    'creates and executes a CloudFormation change set that runs as {target}'),
  passRole('datapipeline', 'datapipeline.amazonaws.com', ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'], `${RHINO} #21`,
    'creates a Data Pipeline running as {target} that executes arbitrary commands'),
  passRole('glue-create-dev-endpoint', 'glue.amazonaws.com', ['glue:CreateDevEndpoint'], `${RHINO} #18`,
    'creates a Glue development endpoint running as {target} and logs in to it over SSH'),
  passRole('glue-create-job', 'glue.amazonaws.com', ['glue:CreateJob', 'glue:StartJobRun'], 'Glue job variant of #18',
    'creates and runs a Glue job running as {target}'),
  passRole('sagemaker-notebook', 'sagemaker.amazonaws.com', ['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'], `${LAB} sageMakerCreateNotebookPassRole`,
    'creates a SageMaker notebook running as {target} and opens it in a browser'),
  passRole('sagemaker-training-job', 'sagemaker.amazonaws.com', ['sagemaker:CreateTrainingJob'], `${LAB} sageMakerCreateTrainingJobPassRole`,
    'runs a SageMaker training job (its own container) as {target}'),
  passRole('sagemaker-processing-job', 'sagemaker.amazonaws.com', ['sagemaker:CreateProcessingJob'], `${LAB} sageMakerCreateProcessingJobPassRole`,
    'runs a SageMaker processing job (its own container) as {target}'),
  passRole('codebuild-create-project', 'codebuild.amazonaws.com', ['codebuild:CreateProject', 'codebuild:StartBuild'], `${LAB} codeBuildCreateProjectPassRole`,
    'creates a CodeBuild project running as {target} and starts a build with its own buildspec'),
  passRole('codebuild-create-project-batch', 'codebuild.amazonaws.com', ['codebuild:CreateProject', 'codebuild:StartBuildBatch'], `${LAB} codeBuildCreateProjectPassRole`,
    'creates a CodeBuild project running as {target} and starts a batch build with its own buildspec'),
  passRole('ecs-run-task', 'ecs-tasks.amazonaws.com', ['ecs:RegisterTaskDefinition', 'ecs:RunTask'], 'ECS task-role variant of #3',
    'registers an ECS task definition with task role {target} and runs it'),
  passRole('ecs-create-service', 'ecs-tasks.amazonaws.com', ['ecs:RegisterTaskDefinition', 'ecs:CreateService'], 'ECS task-role variant of #3',
    'registers an ECS task definition with task role {target} and starts a service with it'),
  passRole('apprunner-create-service', 'tasks.apprunner.amazonaws.com', ['apprunner:CreateService'], 'App Runner instance-role variant of #3',
    'creates an App Runner service whose instance role is {target}'),
  passRole('agentcore-code-interpreter', 'bedrock-agentcore.amazonaws.com',
    ['bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
    'Bedrock AgentCore code interpreter with an execution role',
    'creates a Bedrock AgentCore code interpreter running as {target} and executes code in it'),

  // --- Reprogramming an existing workload that already runs as a role ---------------------------
  workload('lambda-update-code', 'lambda.amazonaws.com', 'lambda-function', ['lambda:UpdateFunctionCode'], `${RHINO} #17`,
    'replaces the code of a Lambda function that runs as {target}'),
  workload('glue-update-dev-endpoint', 'glue.amazonaws.com', 'glue-dev-endpoint', ['glue:UpdateDevEndpoint'], `${RHINO} #19`,
    'adds its SSH key to a Glue development endpoint that runs as {target}'),
  workload('cloudformation-update-stack', 'cloudformation.amazonaws.com', 'cloudformation-stack', ['cloudformation:UpdateStack'], `${LAB} CloudFormationUpdateStack`,
    'updates an existing CloudFormation stack whose service role is {target} with its own template'),
  workload('sagemaker-presigned-notebook-url', 'sagemaker.amazonaws.com', 'sagemaker-notebook', ['sagemaker:CreatePresignedNotebookInstanceUrl'], `${LAB} sageMakerCreatePresignedNotebookURL`,
    'opens a terminal on an existing SageMaker notebook that runs as {target}'),
  workload('ssm-send-command', 'ec2.amazonaws.com', 'ec2-instance', ['ssm:SendCommand'], `${LAB} ssmSendCommand`,
    'runs commands through SSM on an EC2 instance whose profile role is {target}', true),
  workload('ssm-start-session', 'ec2.amazonaws.com', 'ec2-instance', ['ssm:StartSession'], `${LAB} ssmStartSession`,
    'opens an SSM shell on an EC2 instance whose profile role is {target}', true),
  workload('ec2-instance-connect', 'ec2.amazonaws.com', 'ec2-instance', ['ec2-instance-connect:SendSSHPublicKey'], `${LAB} ec2InstanceConnect`,
    'pushes its SSH key with EC2 Instance Connect to an instance whose profile role is {target}', true),
];

/** Every action any technique needs, for indexing principals by what they hold. */
export const ESCALATION_ACTIONS: readonly string[] = [...new Set(ESCALATION_TECHNIQUES.flatMap((t) => t.actions))].sort();

export function techniqueById(id: string): EscalationTechnique {
  const found = ESCALATION_TECHNIQUES.find((t) => t.id === id);
  if (found === undefined) throw new Error(`unknown escalation technique ${id}`);
  return found;
}
