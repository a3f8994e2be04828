/** The Import screen's rules, apart from the DOM: which box a file belongs in, and the form's checks. */

export type ImportPurpose = 'authorization-details' | 'credential-report';

/** A chosen file: bytes the page holds (dropped or picked in the browser), or a path from a native dialog. */
export type FileChoice = { source: 'file'; file: File } | { source: 'path'; path: string };

export interface ImportFiles {
  authorizationDetails: FileChoice | null;
  credentialReport: FileChoice | null;
}

export function choiceName(choice: FileChoice): string {
  if (choice.source === 'file') return choice.file.name;
  const parts = choice.path.split(/[\\/]/).filter((part) => part !== '');
  return parts[parts.length - 1] ?? choice.path;
}

/** Which export a file name looks like: a credential report is CSV or says so in its name. */
export function guessPurpose(name: string): ImportPurpose {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.includes('credential')) return 'credential-report';
  return 'authorization-details';
}

/**
 * Files dropped on one box: the first goes in that box, unless it plainly belongs in the other one
 * and that one is free; a second file dropped with it fills the other box if it is empty.
 */
export function assignDroppedFiles(target: ImportPurpose, files: readonly File[], current: ImportFiles): ImportFiles {
  const next: ImportFiles = { ...current };
  const key = (purpose: ImportPurpose): keyof ImportFiles => (purpose === 'authorization-details' ? 'authorizationDetails' : 'credentialReport');
  const other: ImportPurpose = target === 'authorization-details' ? 'credential-report' : 'authorization-details';
  const [first, second] = files;
  if (first === undefined) return next;
  if (files.length === 1) {
    next[key(target)] = { source: 'file', file: first };
    return next;
  }
  // Two files at once: sort them by what they look like.
  const firstPurpose = guessPurpose(first.name);
  const secondPurpose = second === undefined ? null : guessPurpose(second.name);
  if (second !== undefined && firstPurpose !== secondPurpose) {
    next[key(firstPurpose)] = { source: 'file', file: first };
    next[key(secondPurpose ?? other)] = { source: 'file', file: second };
    return next;
  }
  next[key(target)] = { source: 'file', file: first };
  if (second !== undefined && next[key(other)] === null) next[key(other)] = { source: 'file', file: second };
  return next;
}

/** A hint when a file seems to be in the wrong box (the back end still has the last word). */
export function misplacedHint(purpose: ImportPurpose, choice: FileChoice | null): string | null {
  if (choice === null) return null;
  const name = choiceName(choice);
  if (purpose === 'authorization-details' && name.toLowerCase().endsWith('.csv'))
    return `“${name}” looks like a credential report (CSV). The authorization-details export is a JSON file.`;
  return null;
}

export type ImportErrors = Partial<Record<'authorizationDetails' | 'accountId', string>>;

/** Check the form before anything is uploaded. */
export function validateImport(files: ImportFiles, accountId: string): { ok: true; accountId: string | null } | { ok: false; errors: ImportErrors } {
  const errors: ImportErrors = {};
  if (files.authorizationDetails === null)
    errors.authorizationDetails = 'Choose the authorization-details export first (the JSON from aws iam get-account-authorization-details).';
  const id = accountId.trim().replace(/[\s-]/g, '');
  if (id !== '' && !/^\d{12}$/.test(id)) errors.accountId = 'An AWS account ID is 12 digits, e.g. 123456789012.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, accountId: id === '' ? null : id };
}
