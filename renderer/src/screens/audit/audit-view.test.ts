import { describe, expect, it } from 'vitest';
import { auditFilterOf, auditViewFromQuery, queryFromAuditView } from './audit-view';

describe('the audit log’s filters in the address', () => {
  it('reads actor, kind and target, and writes back only those set', () => {
    const view = auditViewFromQuery(new URLSearchParams('actor=Jane+Doe+%28Security%29&kind=finding.accept&target=jenkins'));
    expect(view).toEqual({ actor: 'Jane Doe (Security)', kind: 'finding.accept', target: 'jenkins' });
    expect(queryFromAuditView(view).toString()).toBe('actor=Jane+Doe+%28Security%29&kind=finding.accept&target=jenkins');
    expect(queryFromAuditView({ actor: '', kind: 'registry.update', target: '' }).toString()).toBe('kind=registry.update');
    expect(auditViewFromQuery(new URLSearchParams(''))).toEqual({ actor: '', kind: '', target: '' });
  });

  it('asks the core for no filter where none is set, and for the trimmed target', () => {
    expect(auditFilterOf({ actor: '', kind: '', target: '  ' })).toEqual({ actor: null, action: null, target: null });
    expect(auditFilterOf({ actor: 'a', kind: 'k', target: ' ci-legacy ' })).toEqual({ actor: 'a', action: 'k', target: 'ci-legacy' });
    expect(auditFilterOf({ actor: '', kind: '', target: 'typed' }, 'deferred ')).toEqual({ actor: null, action: null, target: 'deferred' });
  });
});
