/**
 * IAM-style wildcard matching (`*` any run, `?` one character), used to pre-filter candidate
 * targets by the resource patterns a principal holds before asking the evaluator about each one.
 */
const compiled = new Map<string, RegExp>();

function regexOf(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`, 's');
    // Why bounded: patterns come from customer policies, and a long-running scan must not grow without end.
    if (compiled.size > 50_000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}

/** True when `value` matches the wildcard `pattern` (case-sensitive, as ARNs are). */
export function globMatches(pattern: string, value: string): boolean {
  if (pattern === '*' || pattern === value) return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return false;
  return regexOf(pattern).test(value);
}

/**
 * A resource pattern as a pre-filter for one actor: `${aws:username}` becomes its name, other policy
 * variables become `*` (the evaluator decides them afterwards, so widening here loses nothing).
 */
export function resourcePrefilter(pattern: string, actorName: string): string {
  if (!pattern.includes('${')) return pattern;
  return pattern.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    return name.toLowerCase() === 'aws:username' ? actorName : '*';
  });
}
