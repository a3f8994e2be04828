import type { ReactNode } from 'react';
import type { AgentDetail } from '@shared/contract';

const LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;
const HOT = new Set<string>(['Write', 'Permissions management']);

function Cell({ level, value }: { level: string; value: { allowed: number; total: number } | undefined }): ReactNode {
  if (value === undefined || value.total === 0) return <td className="data-table__num data-table__muted">—</td>;
  const all = value.allowed === value.total;
  const hot = HOT.has(level) && value.allowed > 0;
  const className = ['data-table__num', 'perm', value.allowed === 0 ? 'perm--none' : all ? 'perm--all' : 'perm--some', hot ? 'perm--hot' : ''].join(' ');
  return (
    <td className={className} title={`${value.allowed} of ${value.total} ${level} actions allowed`}>
      {value.allowed === 0 ? '0' : all ? 'All' : `${value.allowed}/${value.total}`}
    </td>
  );
}

/** Effective permissions: one row per service, one column per access level; write and permissions management stand out. */
export function PermissionsTable({ permissions }: { permissions: AgentDetail['permissions'] }): ReactNode {
  if (permissions.length === 0) return <p className="data-table__muted">No effective permissions: nothing is allowed.</p>;
  const sorted = [...permissions].sort((a, b) => {
    const weight = (p: (typeof permissions)[number]): number => (p.levels['Permissions management']?.allowed ?? 0) * 1000 + (p.levels['Write']?.allowed ?? 0);
    return weight(b) - weight(a) || a.service.localeCompare(b.service);
  });
  return (
    <div className="table-scroll table-scroll--tall" tabIndex={0} aria-label="Effective permissions by service">
      <table className="data-table data-table--compact perms">
        <thead>
          <tr>
            <th scope="col">Service</th>
            {LEVELS.map((level) => (
              <th key={level} scope="col" className="data-table__num">
                {level === 'Permissions management' ? 'Permissions mgmt' : level}
              </th>
            ))}
            <th scope="col">Resources</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((permission) => (
            <tr key={permission.service}>
              <th scope="row" className="mono">
                {permission.service}
              </th>
              {LEVELS.map((level) => (
                <Cell key={level} level={level} value={permission.levels[level]} />
              ))}
              <td>{permission.anyResource ? <span className="perm-any">Any resource (*)</span> : <span className="data-table__muted">Scoped</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
