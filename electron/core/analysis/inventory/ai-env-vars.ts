/**
 * Environment variable NAMES that mark an AI provider (the values are never collected). A function
 * with `OPENAI_API_KEY` calls OpenAI with a static secret, whatever its IAM permissions say, so it is
 * an AI agent that the AWS-side signals cannot see.
 *
 * Names are split into words (`_`, `-`, `.`, camelCase) and matched word by word, so `OPENAI_ORG`
 * and `MY_ANTHROPIC_KEY` match while `HEALTH_URL` (HF is not a word there) and `EMAIL_HOST` do not.
 */

/** Well-known names, as the providers' SDKs read them. Listed for reference and tested one by one. */
export const AI_ENV_VAR_NAMES: readonly string[] = [
  'OPENAI_API_KEY',
  'OPENAI_ORG_ID',
  'OPENAI_BASE_URL',
  'AZURE_OPENAI_API_KEY',
  'AZURE_OPENAI_ENDPOINT',
  'ANTHROPIC_API_KEY',
  'CLAUDE_API_KEY',
  'COHERE_API_KEY',
  'CO_API_KEY',
  'MISTRAL_API_KEY',
  'GROQ_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_GENAI_API_KEY',
  'VERTEXAI_PROJECT',
  'HF_TOKEN',
  'HF_API_TOKEN',
  'HUGGING_FACE_HUB_TOKEN',
  'HUGGINGFACEHUB_API_TOKEN',
  'HUGGINGFACE_API_KEY',
  'REPLICATE_API_TOKEN',
  'PERPLEXITY_API_KEY',
  'PPLX_API_KEY',
  'TOGETHER_API_KEY',
  'FIREWORKS_API_KEY',
  'DEEPSEEK_API_KEY',
  'XAI_API_KEY',
  'AI21_API_KEY',
  'VOYAGE_API_KEY',
  'OPENROUTER_API_KEY',
  'LANGCHAIN_API_KEY',
  'LANGSMITH_API_KEY',
  'LANGFUSE_SECRET_KEY',
  'LLAMA_CLOUD_API_KEY',
  'PINECONE_API_KEY',
  'WEAVIATE_API_KEY',
  'QDRANT_API_KEY',
  'WANDB_API_KEY',
  'ELEVENLABS_API_KEY',
  'STABILITY_API_KEY',
  'ASSEMBLYAI_API_KEY',
  'DEEPGRAM_API_KEY',
  'OLLAMA_HOST',
  'BEDROCK_MODEL_ID',
  'SAGEMAKER_ENDPOINT_NAME',
];

/** A word that names a provider on its own. */
const PROVIDER_WORDS: ReadonlyMap<string, string> = new Map([
  ['OPENAI', 'OpenAI'],
  ['AZUREOPENAI', 'Azure OpenAI'],
  ['ANTHROPIC', 'Anthropic'],
  ['CLAUDE', 'Anthropic'],
  ['COHERE', 'Cohere'],
  ['MISTRAL', 'Mistral AI'],
  ['MISTRALAI', 'Mistral AI'],
  ['GROQ', 'Groq'],
  ['GROK', 'xAI'],
  ['GEMINI', 'Google Gemini'],
  ['GENAI', 'generative AI'],
  ['VERTEXAI', 'Google Vertex AI'],
  ['HUGGINGFACE', 'Hugging Face'],
  ['HUGGINGFACEHUB', 'Hugging Face'],
  ['REPLICATE', 'Replicate'],
  ['PERPLEXITY', 'Perplexity'],
  ['PPLX', 'Perplexity'],
  ['DEEPSEEK', 'DeepSeek'],
  ['AI21', 'AI21 Labs'],
  ['OPENROUTER', 'OpenRouter'],
  ['TOGETHERAI', 'Together AI'],
  ['LANGCHAIN', 'LangChain'],
  ['LANGSMITH', 'LangSmith'],
  ['LANGFUSE', 'Langfuse'],
  ['LLAMAINDEX', 'LlamaIndex'],
  ['PINECONE', 'Pinecone'],
  ['WEAVIATE', 'Weaviate'],
  ['QDRANT', 'Qdrant'],
  ['WANDB', 'Weights & Biases'],
  ['ELEVENLABS', 'ElevenLabs'],
  ['ASSEMBLYAI', 'AssemblyAI'],
  ['DEEPGRAM', 'Deepgram'],
  ['OLLAMA', 'Ollama'],
  ['BEDROCK', 'Amazon Bedrock'],
  ['SAGEMAKER', 'Amazon SageMaker'],
  ['LLM', 'an LLM'],
  ['GPT', 'OpenAI'],
  ['CHATGPT', 'OpenAI'],
]);

/**
 * A word that names a provider only next to an API/credential word: `HF_TOKEN` is Hugging Face,
 * `HF` alone may be anything; `TOGETHER_API_KEY` is Together AI, `WORK_TOGETHER` is not.
 */
const QUALIFIED_PROVIDER_WORDS: ReadonlyMap<string, string> = new Map([
  ['HF', 'Hugging Face'],
  ['HUGGING', 'Hugging Face'],
  ['CO', 'Cohere'],
  ['XAI', 'xAI'],
  ['TOGETHER', 'Together AI'],
  ['FIREWORKS', 'Fireworks AI'],
  ['VOYAGE', 'Voyage AI'],
  ['STABILITY', 'Stability AI'],
  ['LLAMA', 'Meta Llama'],
  ['VERTEX', 'Google Vertex AI'],
  ['AI', 'an AI provider'],
  ['NVIDIA', 'NVIDIA AI'],
]);

const API_WORDS: ReadonlySet<string> = new Set(['API', 'APIKEY', 'KEY', 'TOKEN', 'SECRET', 'HUB', 'ENDPOINT', 'PROJECT', 'HOST', 'URL', 'BASE']);
const SECRET_WORDS: ReadonlySet<string> = new Set(['KEY', 'APIKEY', 'TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'PASS', 'CREDENTIAL', 'CREDENTIALS', 'PAT']);

export interface AiEnvVarMatch {
  /** The provider the name points at, in words. */
  provider: string;
  /** The name looks like it holds a secret (`…_KEY`, `…_TOKEN`, `…_SECRET`): a static third-party credential. */
  secret: boolean;
}

/** Splits an identifier into upper-case words: `myOpenAIKey` → MY OPEN AI KEY; `HF_TOKEN` → HF TOKEN. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toUpperCase());
}

/** Whether an environment variable NAME marks an AI provider; null when it does not. */
export function matchAiEnvVarName(name: string): AiEnvVarMatch | null {
  const words = identifierWords(name);
  const secret = words.some((word) => SECRET_WORDS.has(word));
  // Joined neighbours catch the spellings with a separator inside a provider name (HUGGING_FACE, OPEN_AI).
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const joined = word + (words[i + 1] ?? '');
    const provider = PROVIDER_WORDS.get(word) ?? (i + 1 < words.length ? PROVIDER_WORDS.get(joined) : undefined);
    if (provider !== undefined) return { provider, secret };
  }
  const hasApiWord = words.some((word) => API_WORDS.has(word));
  if (!hasApiWord) return null;
  for (const word of words) {
    const provider = QUALIFIED_PROVIDER_WORDS.get(word);
    if (provider !== undefined) return { provider, secret };
  }
  return null;
}
