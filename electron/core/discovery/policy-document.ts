import type { JsonObject, PolicyDocument } from './facts';

/**
 * A policy document as AWS or a tool hands it over: a parsed object (the AWS CLI decodes documents),
 * a JSON string, or the URL-encoded JSON string the IAM API returns. Returns the parsed object, or
 * null when the value is none of these or is not a policy (a JSON object with a `Statement`).
 */
export function decodePolicyDocument(value: unknown): PolicyDocument | null {
  if (typeof value === 'string') return decodePolicyText(value, 0);
  return isPolicyObject(value) ? value : null;
}

function decodePolicyText(text: string, depth: number): PolicyDocument | null {
  if (depth > 2) return null;
  const trimmed = text.trim();
  const parsed = tryParseJson(trimmed);
  if (parsed !== undefined) {
    if (typeof parsed === 'string') return decodePolicyText(parsed, depth + 1);
    return isPolicyObject(parsed) ? parsed : null;
  }
  if (!trimmed.includes('%')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch {
    return null;
  }
  return decoded === trimmed ? null : decodePolicyText(decoded, depth + 1);
}

function tryParseJson(text: string): unknown {
  const first = text.charAt(0);
  if (first !== '{' && first !== '"') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isPolicyObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const statement = (value as Record<string, unknown>)['Statement'];
  return typeof statement === 'object' && statement !== null;
}
