/**
 * A request handler for SDK clients talking to moto's Bedrock and Bedrock Agent, working around two
 * moto gaps in the TEST HARNESS only (product code never sees it):
 *
 * - Timestamps: moto answers Bedrock Agent with epoch numbers (`"createdAt": 1795490588.32`) and
 *   Bedrock custom models with zone-less strings (`"creationTime": "2026-11-24 03:23:08"`); these
 *   REST-JSON APIs send RFC 3339 strings, and the JS SDK rejects anything else. The handler rewrites
 *   them to ISO strings in responses signed for `bedrock` (both clients sign as `bedrock`).
 * - Unimplemented list operations (moto answers HTTP 500 with an HTML page): with
 *   `emptyUnimplementedLists`, the ones in `MOTO_UNIMPLEMENTED_LISTS` answer an empty list instead,
 *   so a test can exercise the operations moto does implement (GetAgent, GetKnowledgeBase, …) through
 *   a whole collector. Without it, moto's HTTP 500 reaches the SDK unchanged.
 *
 *   new BedrockAgentClient({ region, endpoint: moto.endpoint, credentials, requestHandler: motoBedrockRequestHandler() });
 *
 * Requests go out with fetch; `destroy()` aborts the ones in flight, as the SDK's own handler does.
 */

/** The operations moto 5.2 does not implement, by method and path, with the empty answer a real service gives. */
export const MOTO_UNIMPLEMENTED_LISTS: readonly { operation: string; method: string; path: RegExp; empty: Record<string, unknown> }[] = [
  { operation: 'ListGuardrails', method: 'GET', path: /^\/guardrails$/, empty: { guardrails: [] } },
  { operation: 'ListAgentActionGroups', method: 'POST', path: /^\/agents\/[^/]+\/agentversions\/[^/]+\/actiongroups\/?$/, empty: { actionGroupSummaries: [] } },
  { operation: 'ListAgentAliases', method: 'POST', path: /^\/agents\/[^/]+\/agentaliases\/?$/, empty: { agentAliasSummaries: [] } },
  { operation: 'ListAgentKnowledgeBases', method: 'POST', path: /^\/agents\/[^/]+\/agentversions\/[^/]+\/knowledgebases\/?$/, empty: { agentKnowledgeBaseSummaries: [] } },
  { operation: 'ListDataSources', method: 'POST', path: /^\/knowledgebases\/[^/]+\/datasources\/?$/, empty: { dataSourceSummaries: [] } },
];

export interface MotoBedrockHandlerOptions {
  /** Answer moto's unimplemented list operations with an empty list instead of its HTTP 500. */
  emptyUnimplementedLists?: boolean;
  /** Called with each operation answered by the shim, so a test can say which it papered over. */
  onShim?: (operation: string) => void;
}

/** The parts of the SDK's HttpRequest the handler reads. */
interface WireRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string>;
  body?: unknown;
}

interface WireResponse {
  response: { statusCode: number; reason?: string; headers: Record<string, string>; body: Uint8Array };
}

export interface MotoBedrockRequestHandler {
  handle(request: WireRequest, options?: { abortSignal?: unknown }): Promise<WireResponse>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

const TIMESTAMP_KEY = /(At|Time|Timestamp|Date)$/;
const ZONELESS = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;

/** The value with moto's epoch numbers and zone-less strings under timestamp keys made ISO 8601. */
export function isoTimestamps(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => isoTimestamps(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoTimestamps(v, k)]));
  }
  if (!TIMESTAMP_KEY.test(key)) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string') {
    const match = ZONELESS.exec(value);
    if (match !== null) return new Date(`${match[1]}T${match[2]}Z`).toISOString();
  }
  return value;
}

function urlOf(request: WireRequest): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value === null || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, item);
  }
  const query = search.toString();
  const port = request.port !== undefined ? `:${request.port}` : '';
  return `${request.protocol}//${request.hostname}${port}${request.path}${query !== '' ? `?${query}` : ''}`;
}

function bodyOf(body: unknown): string | Uint8Array | undefined {
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  return undefined;
}

export function motoBedrockRequestHandler(options: MotoBedrockHandlerOptions = {}): MotoBedrockRequestHandler {
  const lifetime = new AbortController();
  const encoder = new TextEncoder();
  return {
    async handle(request, handleOptions = {}) {
      const signals = [lifetime.signal, ...(handleOptions.abortSignal instanceof AbortSignal ? [handleOptions.abortSignal] : [])];
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !/^(host|content-length)$/i.test(name)));
      const response = await fetch(urlOf(request), {
        method: request.method,
        headers,
        body: bodyOf(request.body),
        signal: AbortSignal.any(signals),
      });
      let text = await response.text();
      let status = response.status;
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      const signedForBedrock = /\/bedrock\/aws4_request/.test(request.headers['authorization'] ?? '');
      if (signedForBedrock && status === 500 && text.trimStart().startsWith('<') && options.emptyUnimplementedLists === true) {
        const gap = MOTO_UNIMPLEMENTED_LISTS.find((op) => op.method === request.method && op.path.test(request.path));
        if (gap !== undefined) {
          options.onShim?.(gap.operation);
          status = 200;
          text = JSON.stringify(gap.empty);
          responseHeaders['content-type'] = 'application/json';
        }
      }
      if (signedForBedrock && text.trimStart().startsWith('{')) {
        try {
          text = JSON.stringify(isoTimestamps(JSON.parse(text)));
        } catch {
          // Not JSON after all: pass it on untouched.
        }
      }
      delete responseHeaders['content-length'];
      delete responseHeaders['content-encoding'];
      return { response: { statusCode: status, reason: response.statusText, headers: responseHeaders, body: encoder.encode(text) } };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => lifetime.abort(),
  };
}
