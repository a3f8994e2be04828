import { describe, expect, it } from 'vitest';
import type { UserPolicyInfo } from '@shared/contract';
import { caretLines, checkDraft, draftOf, editPolicyPath, EMPTY_DRAFT, evaluationSummary, parsePoliciesRoute, saveInput, toggledInput } from './policy-model';

const POLICY: UserPolicyInfo = {
  id: 'p/1',
  name: 'Owners',
  description: 'AI agents have owners.',
  condition: 'agent.owner != null',
  appliesTo: 'agent.ai',
  severity: 'high',
  remediation: 'Name one.',
  enabled: true,
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: 'a',
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: 'a',
};

describe('policy routes', () => {
  it('round-trips an edit route with an id that needs encoding', () => {
    expect(parsePoliciesRoute(editPolicyPath('p/1'))).toEqual({ view: 'edit', id: 'p/1' });
    expect(parsePoliciesRoute('/policies/new')).toEqual({ view: 'new' });
    expect(parsePoliciesRoute('/policies')).toEqual({ view: 'list' });
    expect(parsePoliciesRoute('/policies/edit/%E0%A4%A')).toEqual({ view: 'list' });
  });
});

describe('the editor draft', () => {
  it('turns an empty applies-to into null and trims the texts, but never the expressions', () => {
    expect(saveInput(null, { ...EMPTY_DRAFT, name: '  N ', condition: ' agent.ai ', appliesTo: '   ' })).toEqual({
      id: null,
      name: 'N',
      description: '',
      severity: 'medium',
      condition: ' agent.ai ',
      appliesTo: null,
      remediation: '',
      enabled: true,
    });
  });

  it('flips only enabled for the switch', () => {
    expect(toggledInput(POLICY)).toEqual({ ...saveInput('p/1', draftOf(POLICY)), enabled: false });
  });

  it('asks for a name and a condition, and keeps to the length limit', () => {
    expect(checkDraft(EMPTY_DRAFT)).toEqual({
      name: 'Give the policy a name; its findings are titled by it.',
      condition: 'Write the condition every agent in scope must satisfy.',
    });
    expect(checkDraft({ ...EMPTY_DRAFT, name: 'x', condition: 'a'.repeat(4097) }).condition).toBe('At most 4096 characters (4097 now).');
    expect(checkDraft(draftOf(POLICY))).toEqual({});
  });
});

describe('words for the screen', () => {
  it('puts a caret under the column', () => {
    expect(caretLines({ field: 'condition', message: 'x', offset: 12, length: 0, line: 1, column: 13, excerpt: 'agent.name +' })).toBe('agent.name +\n            ^');
  });

  it('summarises an evaluation', () => {
    const evaluation = { evaluated: 12, failing: 3, errors: 0, notApplicable: 0, firstError: null, compileError: null };
    expect(evaluationSummary(evaluation, true)).toBe('3 of 12 failing');
    expect(evaluationSummary(evaluation, false)).toBe('Disabled');
    expect(evaluationSummary(null, true)).toBe('Not evaluated yet');
    expect(evaluationSummary({ ...evaluation, compileError: 'x' }, true)).toBe('Does not compile');
    expect(evaluationSummary({ ...evaluation, evaluated: 0 }, true)).toBe('No agent in scope');
  });
});
