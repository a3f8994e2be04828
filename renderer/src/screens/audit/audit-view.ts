import type { AuditFilter } from '@shared/contract';

/**
 * The audit log's filters as the address keeps them (`#/audit?actor=&kind=&target=`), so a reload
 * or a link shows the same entries. Empty strings: no filter. The target is kept as typed (a space
 * being typed is not eaten); the filter sent to the core trims it.
 */
export interface AuditView {
  actor: string;
  kind: string;
  target: string;
}

export function auditViewFromQuery(query: URLSearchParams): AuditView {
  return { actor: query.get('actor') ?? '', kind: query.get('kind') ?? '', target: query.get('target') ?? '' };
}

/** Only the filters that are set, in a fixed order (one view, one address). */
export function queryFromAuditView(view: AuditView): URLSearchParams {
  const query = new URLSearchParams();
  if (view.actor !== '') query.set('actor', view.actor);
  if (view.kind !== '') query.set('kind', view.kind);
  if (view.target !== '') query.set('target', view.target);
  return query;
}

/** What the core is asked for: null where the view does not filter. */
export function auditFilterOf(view: AuditView, target: string = view.target): AuditFilter {
  const trimmed = target.trim();
  return { actor: view.actor === '' ? null : view.actor, action: view.kind === '' ? null : view.kind, target: trimmed === '' ? null : trimmed };
}
