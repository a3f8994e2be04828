import { KEY_AGE_BUCKETS, SEVERITY_NAMES, type AgentRow, type KeyAgeBucket, type SeverityName } from '@shared/contract';
import { matchesInventoryFields, type InventoryMatch } from '@shared/overview-filters';

/** Everything the inventory screen shows besides the data: kept in the address (`#/inventory?…`). */
export interface InventoryView {
  search: string;
  tier: 1 | 2 | 3 | null;
  aiOnly: boolean;
  /** An owner, `NO_OWNER`, `HAS_OWNER`, or null for any. */
  owner: string | null;
  status: AgentRow['status'] | null;
  /** At least one finding of this severity or worse. */
  minSeverity: SeverityName | null;
  /** Only identities with at least one active long-lived access key (`?keys=1`). */
  activeKeys: boolean;
  /** Only identities whose oldest active access key is in this age bucket (`?keyage=gt365`, the Overview's key-age chart). */
  keyAge: KeyAgeBucket | null;
  account: string | null;
  showAwsManaged: boolean;
  sort: InventorySortColumn;
  direction: 'asc' | 'desc';
}

export const NO_OWNER = '-none';
/** Any owner at all (the Overview's "with an owner" bars). */
export const HAS_OWNER = '-any';

export const SORT_COLUMNS = ['name', 'account', 'tier', 'owner', 'status', 'workloads', 'keys', 'findings', 'lastUsed'] as const;
export type InventorySortColumn = (typeof SORT_COLUMNS)[number];

export const DEFAULT_VIEW: InventoryView = {
  search: '',
  tier: null,
  aiOnly: false,
  owner: null,
  status: null,
  minSeverity: null,
  activeKeys: false,
  keyAge: null,
  account: null,
  showAwsManaged: false,
  sort: 'tier',
  direction: 'asc',
};

const STATUSES = ['registered', 'unregistered', 'decommissioned'] as const;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** The view from the address's query; anything unknown falls back to the default. */
export function viewFromQuery(query: URLSearchParams): InventoryView {
  const tier = query.get('tier');
  return {
    search: query.get('q') ?? '',
    tier: tier === '1' ? 1 : tier === '2' ? 2 : tier === '3' ? 3 : null,
    aiOnly: query.get('ai') === '1',
    owner: query.get('owner'),
    status: oneOf(query.get('status'), STATUSES),
    minSeverity: oneOf(query.get('sev'), SEVERITY_NAMES),
    activeKeys: query.get('keys') === '1',
    keyAge: oneOf(query.get('keyage'), KEY_AGE_BUCKETS),
    account: query.get('account'),
    showAwsManaged: query.get('managed') === '1',
    sort: oneOf(query.get('sort'), SORT_COLUMNS) ?? DEFAULT_VIEW.sort,
    direction: query.get('dir') === 'desc' ? 'desc' : query.get('dir') === 'asc' ? 'asc' : DEFAULT_VIEW.direction,
  };
}

/** The query for a view, leaving defaults out so links stay short. */
export function queryFromView(view: InventoryView): URLSearchParams {
  const query = new URLSearchParams();
  if (view.search !== '') query.set('q', view.search);
  if (view.tier !== null) query.set('tier', String(view.tier));
  if (view.aiOnly) query.set('ai', '1');
  if (view.owner !== null) query.set('owner', view.owner);
  if (view.status !== null) query.set('status', view.status);
  if (view.minSeverity !== null) query.set('sev', view.minSeverity);
  if (view.activeKeys) query.set('keys', '1');
  if (view.keyAge !== null) query.set('keyage', view.keyAge);
  if (view.account !== null) query.set('account', view.account);
  if (view.showAwsManaged) query.set('managed', '1');
  if (view.sort !== DEFAULT_VIEW.sort || view.direction !== DEFAULT_VIEW.direction) {
    query.set('sort', view.sort);
    query.set('dir', view.direction);
  }
  return query;
}

/** Lower-cased text a search matches against, computed once per row (not per keystroke). */
export interface IndexedAgent {
  row: AgentRow;
  haystack: string;
  /** Lower-cased name and owner: plain comparisons sort 10,000 rows far faster than a collator. */
  nameKey: string;
  /** Lower-cased name of the row's account (its label, alias or ID), for sorting by account. */
  accountKey: string;
  ownerKey: string | null;
  /** Findings weighted by severity, for sorting: one critical outranks any number of highs below 1,000. */
  findingScore: number;
  /** The worst severity present, as an index into SEVERITY_NAMES (5 when none). */
  worst: number;
  lastUsed: number;
}

/**
 * `accountNames`: each account's name (label, alias) by ID, so a search for "sandbox" finds that
 * account's identities and the account column sorts by the name shown.
 */
export function indexAgents(rows: readonly AgentRow[], accountNames: ReadonlyMap<string, string> = new Map()): IndexedAgent[] {
  return rows.map((row) => {
    const counts = row.findingCounts;
    const worstIndex = SEVERITY_NAMES.findIndex((severity) => counts[severity] > 0);
    const accountName = accountNames.get(row.accountId) ?? row.accountId;
    return {
      row,
      haystack: `${row.name}\n${row.arn}\n${row.owner ?? ''}\n${accountName}\n${row.accountId}`.toLowerCase(),
      nameKey: row.name.toLowerCase(),
      accountKey: accountName.toLowerCase(),
      ownerKey: row.owner === null ? null : row.owner.toLowerCase(),
      findingScore: counts.critical * 1e12 + counts.high * 1e9 + counts.medium * 1e6 + counts.low * 1e3 + counts.info,
      worst: worstIndex === -1 ? SEVERITY_NAMES.length : worstIndex,
      lastUsed: row.lastUsedAt === null ? -Infinity : Date.parse(row.lastUsedAt),
    };
  });
}

/**
 * The part of a view an Overview figure can name, as its `match`: the screen filters with the same
 * `matchesInventoryFields` the Overview's counts are held to, so a figure and the list it opens cannot drift.
 */
export function matchOfView(view: InventoryView): InventoryMatch {
  return {
    ...(view.aiOnly ? { ai: true } : {}),
    ...(view.tier !== null ? { tier: view.tier } : {}),
    ...(view.owner === NO_OWNER ? { owner: 'none' as const } : view.owner === HAS_OWNER ? { owner: 'any' as const } : {}),
    ...(view.status !== null ? { status: view.status } : {}),
    ...(view.activeKeys ? { activeKeys: true } : {}),
    ...(view.keyAge !== null ? { keyAge: view.keyAge } : {}),
  };
}

/** `match`: `matchOfView(view)`, computed once per filtering rather than per row. */
export function matchesView(agent: IndexedAgent, view: InventoryView, needle: string, match: InventoryMatch = matchOfView(view)): boolean {
  const { row } = agent;
  if (!view.showAwsManaged && row.awsManaged) return false;
  if (!matchesInventoryFields(row, match)) return false;
  if (view.owner !== null && view.owner !== NO_OWNER && view.owner !== HAS_OWNER && row.owner !== view.owner) return false;
  if (view.minSeverity !== null && agent.worst > SEVERITY_NAMES.indexOf(view.minSeverity)) return false;
  if (view.account !== null && row.accountId !== view.account) return false;
  if (needle !== '' && !agent.haystack.includes(needle)) return false;
  return true;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName(a: IndexedAgent, b: IndexedAgent): number {
  return compareText(a.nameKey, b.nameKey);
}

function compareBy(column: InventorySortColumn): (a: IndexedAgent, b: IndexedAgent) => number {
  switch (column) {
    case 'name':
      return byName;
    case 'account':
      return (a, b) => compareText(a.accountKey, b.accountKey) || compareText(a.row.accountId, b.row.accountId);
    case 'tier':
      return (a, b) => a.row.tier - b.row.tier;
    case 'owner':
      // No owner sorts first when ascending: that is what needs attention.
      return (a, b) => (a.ownerKey === null ? (b.ownerKey === null ? 0 : -1) : b.ownerKey === null ? 1 : compareText(a.ownerKey, b.ownerKey));
    case 'status':
      return (a, b) => a.row.status.localeCompare(b.row.status);
    case 'workloads':
      return (a, b) => a.row.workloadCount - b.row.workloadCount;
    case 'keys':
      return (a, b) => a.row.activeKeyCount - b.row.activeKeyCount;
    case 'findings':
      return (a, b) => a.findingScore - b.findingScore;
    case 'lastUsed':
      return (a, b) => (a.lastUsed === b.lastUsed ? 0 : a.lastUsed < b.lastUsed ? -1 : 1);
  }
}

/**
 * The rows to show: filtered, then sorted (ties broken by most findings, then name, so the order is stable).
 * Sorting is separate from filtering so a keystroke only filters an already sorted list.
 */
export function sortAgents(agents: readonly IndexedAgent[], column: InventorySortColumn, direction: 'asc' | 'desc'): IndexedAgent[] {
  const primary = compareBy(column);
  const sign = direction === 'asc' ? 1 : -1;
  return [...agents].sort((a, b) => sign * primary(a, b) || b.findingScore - a.findingScore || byName(a, b));
}

export function filterAgents(sorted: readonly IndexedAgent[], view: InventoryView): AgentRow[] {
  const needle = view.search.trim().toLowerCase();
  const match = matchOfView(view);
  const result: AgentRow[] = [];
  for (const agent of sorted) if (matchesView(agent, view, needle, match)) result.push(agent.row);
  return result;
}

/** Everything but the search and the sort: when these stay, a longer search can only narrow. */
function filtersKey(view: InventoryView): string {
  return [view.tier, view.aiOnly, view.owner, view.status, view.minSeverity, view.activeKeys, view.keyAge, view.account, view.showAwsManaged].join('\u0000');
}

/** How many searches a filter remembers (typing a word and deleting it again, a few times over). */
const REMEMBERED_SEARCHES = 48;

/**
 * `filterAgents` that remembers its recent answers, for as long as the sorted rows and the filters other
 * than the search stay the same. A search seen before (a Backspace) is answered at once; a new one
 * narrows the matches of the longest remembered search it contains (typing on: a row that contains the
 * longer text contains the shorter), and scans every row only when there is none.
 */
export function createAgentFilter(): (sorted: readonly IndexedAgent[], view: InventoryView) => AgentRow[] {
  let sortedSeen: readonly IndexedAgent[] | null = null;
  let keySeen = '';
  const answers = new Map<string, { matches: IndexedAgent[]; rows: AgentRow[] }>();
  return (sorted, view) => {
    const needle = view.search.trim().toLowerCase();
    const key = filtersKey(view);
    if (sorted !== sortedSeen || key !== keySeen) {
      answers.clear();
      sortedSeen = sorted;
      keySeen = key;
    }
    const known = answers.get(needle);
    if (known !== undefined) {
      // Most recently used last, so the oldest is the one forgotten.
      answers.delete(needle);
      answers.set(needle, known);
      return known.rows;
    }
    let base: IndexedAgent[] | null = null;
    let baseLength = -1;
    for (const [text, answer] of answers) {
      if (text.length > baseLength && needle.includes(text)) {
        base = answer.matches;
        baseLength = text.length;
      }
    }
    const matches: IndexedAgent[] = [];
    if (base !== null) {
      for (const agent of base) if (agent.haystack.includes(needle)) matches.push(agent);
    } else {
      const match = matchOfView(view);
      for (const agent of sorted) if (matchesView(agent, view, needle, match)) matches.push(agent);
    }
    const answer = { matches, rows: matches.map((agent) => agent.row) };
    answers.set(needle, answer);
    if (answers.size > REMEMBERED_SEARCHES) answers.delete(answers.keys().next().value ?? '');
    return answer.rows;
  };
}

/**
 * How many of the shown rows each account has, in the order of `accounts` (accounts with none left
 * out): the parts of the count line, which add up to the rows shown.
 */
export function countsByAccount(rows: readonly AgentRow[], accounts: readonly string[]): { accountId: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.accountId, (counts.get(row.accountId) ?? 0) + 1);
  const ordered = [...accounts.filter((id) => counts.has(id)), ...[...counts.keys()].filter((id) => !accounts.includes(id)).sort()];
  return ordered.map((accountId) => ({ accountId, count: counts.get(accountId) ?? 0 }));
}

/** Distinct owners and accounts for the filter menus. */
export function facets(rows: readonly AgentRow[]): { owners: string[]; accounts: string[] } {
  const owners = new Set<string>();
  const accounts = new Set<string>();
  for (const row of rows) {
    if (row.owner !== null) owners.add(row.owner);
    accounts.add(row.accountId);
  }
  return { owners: [...owners].sort(collator.compare), accounts: [...accounts].sort() };
}
