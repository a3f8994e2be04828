/**
 * Meeting mode's keyboard model: one key per command, pure so it is unit-tested and shown on screen
 * from the same table (the `?` list and the legend cannot drift from what the keys do).
 *
 * `k` cannot be both "previous" and "keep": previous/next are the arrows and Page Up/Page Down (what a
 * presentation clicker sends), plus `h`/`l` (vim's left/right); `k` is keep.
 */
export const DECISION_KINDS = ['keep', 'keep_with_changes', 'reduce_access', 'rotate_credentials', 'retier', 'decommission', 'defer'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface DecisionKey {
  key: string;
  decision: DecisionKind;
  label: string;
  /** What the room must say before it is recorded: nothing (sent at once) or a small dialog. */
  asks: 'nothing' | 'action-items' | 'tier-and-reason' | 'date-and-reason' | 'reason';
}

export const DECISION_KEYS: readonly DecisionKey[] = [
  { key: 'k', decision: 'keep', label: 'Keep', asks: 'nothing' },
  { key: 'c', decision: 'keep_with_changes', label: 'Keep with changes', asks: 'action-items' },
  { key: 'r', decision: 'reduce_access', label: 'Reduce access', asks: 'nothing' },
  { key: 'o', decision: 'rotate_credentials', label: 'Rotate credentials', asks: 'nothing' },
  { key: 't', decision: 'retier', label: 'Re-tier', asks: 'tier-and-reason' },
  { key: 'd', decision: 'decommission', label: 'Decommission', asks: 'reason' },
  { key: 'f', decision: 'defer', label: 'Defer', asks: 'date-and-reason' },
];

export function decisionLabel(decision: string): string {
  return DECISION_KEYS.find((entry) => entry.decision === decision)?.label ?? decision;
}

export type MeetingCommand =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'decide'; decision: DecisionKind }
  | { kind: 'note' }
  | { kind: 'action-item' }
  | { kind: 'help' }
  | { kind: 'end' }
  | { kind: 'leave' };

/** The other keys, in the order the `?` list shows them. */
export const COMMAND_KEYS: readonly { keys: readonly string[]; label: string; command: MeetingCommand }[] = [
  { keys: ['→', 'l', 'Page Down'], label: 'Next agent', command: { kind: 'next' } },
  { keys: ['←', 'h', 'Page Up'], label: 'Previous agent', command: { kind: 'previous' } },
  { keys: ['Home'], label: 'First agent', command: { kind: 'first' } },
  { keys: ['End'], label: 'Last agent', command: { kind: 'last' } },
  { keys: ['n'], label: 'Add a note', command: { kind: 'note' } },
  { keys: ['a'], label: 'Add an action item', command: { kind: 'action-item' } },
  { keys: ['?'], label: 'Show or hide the keys', command: { kind: 'help' } },
  { keys: ['e'], label: 'End the meeting (asks first)', command: { kind: 'end' } },
  { keys: ['Esc'], label: 'Leave meeting mode (the meeting stays in progress)', command: { kind: 'leave' } },
];

/** Just what the model reads of a keyboard event. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const BY_KEY: ReadonlyMap<string, MeetingCommand> = new Map<string, MeetingCommand>([
  ['ArrowRight', { kind: 'next' }],
  ['PageDown', { kind: 'next' }],
  ['l', { kind: 'next' }],
  ['ArrowLeft', { kind: 'previous' }],
  ['PageUp', { kind: 'previous' }],
  ['h', { kind: 'previous' }],
  ['Home', { kind: 'first' }],
  ['End', { kind: 'last' }],
  ['n', { kind: 'note' }],
  ['a', { kind: 'action-item' }],
  ['?', { kind: 'help' }],
  ['e', { kind: 'end' }],
  ['Escape', { kind: 'leave' }],
  ...DECISION_KEYS.map((entry): [string, MeetingCommand] => [entry.key, { kind: 'decide', decision: entry.decision }]),
]);

/**
 * The command a key press stands for, or null. Keys with Ctrl, Cmd or Alt are the browser's and the
 * system's (copy, zoom, switch window); letters are matched in lower case so Caps Lock does not
 * turn the meeting deaf (`?` is Shift+/ and stays as typed).
 */
export function commandForKey(press: KeyPress): MeetingCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  return BY_KEY.get(key) ?? null;
}

/** Where a move command lands in an agenda of `length` agents (stays inside it). */
export function moveIndex(command: MeetingCommand, index: number, length: number): number {
  if (length === 0) return 0;
  const last = length - 1;
  switch (command.kind) {
    case 'next':
      return Math.min(last, index + 1);
    case 'previous':
      return Math.max(0, index - 1);
    case 'first':
      return 0;
    case 'last':
      return last;
    default:
      return Math.min(Math.max(0, index), last);
  }
}
