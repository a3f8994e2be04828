/**
 * Which CloudTrail event creates each kind of resource the inventory tracks, and how to tell, from an
 * event, which resource it created. Pure: the collector (cloudtrail-creators.ts) uses these to look
 * events up by name and match them to the new resources of a scan.
 */
import type { JsonValue, ScanFacts } from '../../../discovery/facts';

/** A resource new since the previous scan whose creation event is looked up. */
export interface CreationCandidate {
  /** Stored as the creator record's key: the ARN (a service-specific credential: its ID). */
  readonly key: string;
  readonly resourceType: string;
  readonly identityArn: string | null;
  /** The region whose event history holds the event. */
  readonly region: string;
  readonly eventName: string;
  /** Identifiers that name it in a creation event (ARN, name, ID), compared case-insensitively. */
  readonly names: readonly string[];
}

interface EventSpec {
  readonly resourceType: string;
  /** Paths into the event record naming what it created (`responseElements.role.arn`). */
  readonly paths: readonly string[];
  /** Order of look-up when the call bound cannot cover everything: AI workloads first. */
  readonly priority: number;
}

/**
 * Creation events by their CloudTrail event name. Lambda records `CreateFunction` under its API
 * version's name (`CreateFunction20150331`). CreateAccessKey is read only for a new user whose
 * CreateUser was not found (a key is how a long-lived user gets used).
 */
export const CREATION_EVENTS: Readonly<Record<string, EventSpec>> = {
  CreateAgent: { resourceType: 'bedrock-agent', priority: 0, paths: ['responseElements.agent.agentArn', 'responseElements.agent.agentId', 'requestParameters.agentName'] },
  CreateKnowledgeBase: {
    resourceType: 'bedrock-knowledge-base',
    priority: 1,
    paths: ['responseElements.knowledgeBase.knowledgeBaseArn', 'responseElements.knowledgeBase.knowledgeBaseId', 'requestParameters.name'],
  },
  CreateEndpoint: { resourceType: 'sagemaker-endpoint', priority: 2, paths: ['responseElements.endpointArn', 'requestParameters.endpointName'] },
  CreateNotebookInstance: { resourceType: 'sagemaker-notebook', priority: 3, paths: ['responseElements.notebookInstanceArn', 'requestParameters.notebookInstanceName'] },
  CreateFunction20150331: { resourceType: 'lambda-function', priority: 4, paths: ['responseElements.functionArn', 'requestParameters.functionName'] },
  CreateServiceSpecificCredential: {
    resourceType: 'service-specific-credential',
    priority: 5,
    paths: ['responseElements.serviceSpecificCredential.serviceSpecificCredentialId'],
  },
  CreateRole: { resourceType: 'iam-role', priority: 6, paths: ['responseElements.role.arn', 'requestParameters.roleName'] },
  CreateUser: { resourceType: 'iam-user', priority: 7, paths: ['responseElements.user.arn', 'requestParameters.userName'] },
  CreateAccessKey: { resourceType: 'iam-user', priority: 8, paths: ['requestParameters.userName', 'responseElements.accessKey.userName'] },
};

export function eventPriority(eventName: string): number {
  return CREATION_EVENTS[eventName]?.priority ?? Number.MAX_SAFE_INTEGER;
}

/** The region holding IAM's (global) events: us-east-1 in the commercial partition. */
export function iamEventRegion(partition: string): string {
  if (partition === 'aws-us-gov') return 'us-gov-west-1';
  if (partition === 'aws-cn') return 'cn-north-1';
  return 'us-east-1';
}

function at(value: JsonValue | undefined, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

/**
 * The identifiers an event names as created, lower-cased: its spec's fields and LookupEvents'
 * `Resources` names. A CreateAccessKey without a user name creates a key for the caller itself.
 */
export function createdIdentifiers(eventName: string, event: JsonValue, resourceNames: readonly string[]): Set<string> {
  const found = new Set<string>();
  const spec = CREATION_EVENTS[eventName];
  for (const path of spec?.paths ?? []) {
    const value = at(event, path);
    if (typeof value === 'string' && value !== '') found.add(value.toLowerCase());
  }
  if (eventName === 'CreateAccessKey' && found.size === 0) {
    const own = at(event, 'userIdentity.userName');
    if (typeof own === 'string' && own !== '') found.add(own.toLowerCase());
  }
  for (const name of resourceNames) if (name !== '') found.add(name.toLowerCase());
  return found;
}

/** Every resource of the facts whose creation event can be looked up, new or not (the collector filters). */
export function creationCandidates(facts: Readonly<ScanFacts>, partition: string): CreationCandidate[] {
  const iamRegion = iamEventRegion(partition);
  const out: CreationCandidate[] = [];
  const add = (candidate: Omit<CreationCandidate, 'resourceType'>): void => {
    const spec = CREATION_EVENTS[candidate.eventName];
    if (spec !== undefined) out.push({ ...candidate, resourceType: spec.resourceType });
  };
  for (const agent of facts.bedrockAgents?.agents ?? []) {
    add({ key: agent.arn, identityArn: agent.roleArn, region: agent.region, eventName: 'CreateAgent', names: [agent.arn, agent.id, agent.name] });
  }
  for (const kb of facts.bedrockAgents?.knowledgeBases ?? []) {
    add({ key: kb.arn, identityArn: kb.roleArn, region: kb.region, eventName: 'CreateKnowledgeBase', names: [kb.arn, kb.id, kb.name] });
  }
  for (const endpoint of facts.sageMaker?.endpoints ?? []) {
    add({ key: endpoint.arn, identityArn: null, region: endpoint.region, eventName: 'CreateEndpoint', names: [endpoint.arn, endpoint.name] });
  }
  for (const notebook of facts.sageMaker?.notebookInstances ?? []) {
    add({ key: notebook.arn, identityArn: notebook.roleArn, region: notebook.region, eventName: 'CreateNotebookInstance', names: [notebook.arn, notebook.name] });
  }
  for (const fn of facts.lambda?.functions ?? []) {
    add({ key: fn.arn, identityArn: fn.roleArn, region: fn.region, eventName: 'CreateFunction20150331', names: [fn.arn, fn.name] });
  }
  const users = new Map((facts.iam?.users ?? []).map((user) => [user.name.toLowerCase(), user.arn]));
  for (const credential of facts.serviceSpecificCredentials ?? []) {
    add({
      key: credential.id,
      identityArn: users.get(credential.userName.toLowerCase()) ?? null,
      region: iamRegion,
      eventName: 'CreateServiceSpecificCredential',
      names: [credential.id],
    });
  }
  for (const role of facts.iam?.roles ?? []) add({ key: role.arn, identityArn: role.arn, region: iamRegion, eventName: 'CreateRole', names: [role.arn, role.name] });
  for (const user of facts.iam?.users ?? []) add({ key: user.arn, identityArn: user.arn, region: iamRegion, eventName: 'CreateUser', names: [user.arn, user.name] });
  return out;
}
