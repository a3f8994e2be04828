/**
 * AI tags: tag keys and values that say a resource is about AI (`Project: genai-support`,
 * `workload=llm-gateway`, `ai: true`). Matching is by whole word, after splitting on separators and
 * camelCase, so `emailer`, `detail`, `html` and `maintainer` never match `ai` or `ml`.
 */
import { identifierWords } from './ai-env-vars';
import { isOwnerTagKey } from './owner-tags';

/** Words that mark AI on their own. */
export const AI_TAG_WORDS: readonly string[] = [
  'ai',
  'ml',
  'llm',
  'llms',
  'genai',
  'agent',
  'agents',
  'agentic',
  'bedrock',
  'sagemaker',
  'chatbot',
  'copilot',
  'gpt',
  'chatgpt',
  'openai',
  'anthropic',
  'claude',
  'rag',
  'mlops',
  'llmops',
  'nlp',
  'embedding',
  'embeddings',
  'inference',
];

/** Two-word phrases that mark AI (`machine-learning`, `Artificial Intelligence`). */
const AI_TAG_PHRASES: readonly (readonly [string, string])[] = [
  ['machine', 'learning'],
  ['artificial', 'intelligence'],
  ['deep', 'learning'],
  ['language', 'model'],
  ['gen', 'ai'],
];

/**
 * "agent" is also the name of monitoring, build and endpoint software (`datadog-agent`,
 * `ssm-agent`, `user-agent`); after one of these words it is not an AI agent.
 */
const NON_AI_AGENT_QUALIFIERS: ReadonlySet<string> = new Set([
  'user',
  'ssm',
  'cloudwatch',
  'cw',
  'datadog',
  'dd',
  'newrelic',
  'relic',
  'dynatrace',
  'codedeploy',
  'ecs',
  'eks',
  'inspector',
  'xray',
  'otel',
  'fluent',
  'fluentbit',
  'build',
  'jenkins',
  'gitlab',
  'buildkite',
  'teamcity',
  'bamboo',
  'octopus',
  'azure',
  'puppet',
  'chef',
  'salt',
  'monitoring',
  'log',
  'logging',
  'logs',
  'backup',
  'crowdstrike',
  'falcon',
  'sentinelone',
  'wazuh',
  'ossec',
  'zabbix',
  'nagios',
  'splunk',
  'filebeat',
  'elastic',
  'kube',
  'k8s',
  'vpn',
  'travel',
  'insurance',
  'real',
  'estate',
]);

const NEGATIVE_VALUES: ReadonlySet<string> = new Set(['false', 'no', 'none', 'n', '0', 'off', 'disabled']);

const AI_WORD_SET: ReadonlySet<string> = new Set(AI_TAG_WORDS);

/** Tag keys and values repeat across thousands of resources (`env: prod`): each text is read once. */
const wordCache = new Map<string, string | null>();
const WORD_CACHE_LIMIT = 20_000;

/** The AI word or phrase a text contains as whole words, or null. */
export function aiWordIn(text: string): string | null {
  const cached = wordCache.get(text);
  if (cached !== undefined) return cached;
  const found = findAiWord(text);
  // Bounded: tag values come from AWS and a long-running app must not grow with them.
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(text, found);
  return found;
}

function findAiWord(text: string): string | null {
  const words = identifierWords(text).map((word) => word.toLowerCase());
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    for (const [first, second] of AI_TAG_PHRASES) {
      if (word === first && next === second) return `${first} ${second}`;
    }
    if (!AI_WORD_SET.has(word)) continue;
    if ((word === 'agent' || word === 'agents') && i > 0 && NON_AI_AGENT_QUALIFIERS.has(words[i - 1] ?? '')) continue;
    return word;
  }
  return null;
}

export interface AiTagMatch {
  key: string;
  value: string;
  /** The AI word or phrase found. */
  word: string;
  /** Found in the key (`ai: true`) or in the value (`project: genai-support`). */
  in: 'key' | 'value';
}

/**
 * AI tags among a resource's tags. Owner-like tags (owner, team, contact, …) and values that look like
 * e-mail addresses are skipped: they name people, not what the resource does (`owner: ai-team@x`
 * says nothing about the resource), and AWS's own `aws:` keys are read by value only.
 */
export function matchAiTags(tags: Readonly<Record<string, string>>): AiTagMatch[] {
  const matches: AiTagMatch[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (isOwnerTagKey(key) || /e-?mail/i.test(key)) continue;
    const inKey = key.toLowerCase().startsWith('aws:') ? null : aiWordIn(key);
    if (inKey !== null) {
      // `ai: false`, `uses-ml: no` say the opposite.
      if (NEGATIVE_VALUES.has(value.trim().toLowerCase())) continue;
      matches.push({ key, value, word: inKey, in: 'key' });
      continue;
    }
    if (value.includes('@')) continue;
    const inValue = aiWordIn(value);
    if (inValue !== null) matches.push({ key, value, word: inValue, in: 'value' });
  }
  return matches;
}
