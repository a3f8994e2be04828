import { describe, expect, it } from 'vitest';
import { commandForKey, DECISION_KEYS, DECISION_KINDS, moveIndex } from './meeting-keys';

const press = (key: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });

describe('meeting keys', () => {
  it('has one distinct key for each decision, and no decision key moves or opens anything else', () => {
    expect(DECISION_KEYS.map((entry) => entry.decision).sort()).toEqual([...DECISION_KINDS].sort());
    const keys = DECISION_KEYS.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of DECISION_KEYS) expect(commandForKey(press(entry.key))).toEqual({ kind: 'decide', decision: entry.decision });
  });

  it('moves with the arrows, a clicker’s Page keys and h/l; k is keep, not previous', () => {
    expect(commandForKey(press('ArrowRight'))).toEqual({ kind: 'next' });
    expect(commandForKey(press('PageDown'))).toEqual({ kind: 'next' });
    expect(commandForKey(press('l'))).toEqual({ kind: 'next' });
    expect(commandForKey(press('ArrowLeft'))).toEqual({ kind: 'previous' });
    expect(commandForKey(press('PageUp'))).toEqual({ kind: 'previous' });
    expect(commandForKey(press('h'))).toEqual({ kind: 'previous' });
    expect(commandForKey(press('k'))).toEqual({ kind: 'decide', decision: 'keep' });
  });

  it('note, action item, help and leave; Caps Lock does not matter; modified keys are the browser’s', () => {
    expect(commandForKey(press('n'))).toEqual({ kind: 'note' });
    expect(commandForKey(press('A'))).toEqual({ kind: 'action-item' });
    expect(commandForKey(press('?'))).toEqual({ kind: 'help' });
    expect(commandForKey(press('Escape'))).toEqual({ kind: 'leave' });
    expect(commandForKey(press('e'))).toEqual({ kind: 'end' });
    expect(commandForKey(press('D'))).toEqual({ kind: 'decide', decision: 'decommission' });
    expect(commandForKey(press('c', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(press('r', { metaKey: true }))).toBeNull();
    expect(commandForKey(press('ArrowRight', { altKey: true }))).toBeNull();
    expect(commandForKey(press('x'))).toBeNull();
    expect(commandForKey(press('Enter'))).toBeNull();
  });

  it('moves stay inside the agenda', () => {
    expect(moveIndex({ kind: 'next' }, 2, 3)).toBe(2);
    expect(moveIndex({ kind: 'next' }, 0, 3)).toBe(1);
    expect(moveIndex({ kind: 'previous' }, 0, 3)).toBe(0);
    expect(moveIndex({ kind: 'last' }, 0, 3)).toBe(2);
    expect(moveIndex({ kind: 'first' }, 2, 3)).toBe(0);
    expect(moveIndex({ kind: 'next' }, 0, 0)).toBe(0);
  });
});
