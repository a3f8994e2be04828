/**
 * 0003 — user-written governance policies (CEL), reshaping the `policies` table 0001 laid down before
 * the feature existed:
 *
 * - `expression` becomes `condition` (what must hold for each agent), and `applies_to` (an optional
 *   second expression narrowing the scope) and `remediation` are added;
 * - who created and last changed a policy (`created_by`, `updated_by`);
 * - severity is critical/high/medium/low: a policy worth a finding is worth more than "info";
 * - the `builtin` flag goes: built-in policies live in code (analysis/rules/built-in-policies.ts), never in
 *   a workspace file.
 *
 * The app never wrote the old table; rows a person may have put there are kept (built-in rows
 * dropped, "info" read as "low"). Expressions are not checked here: the engine checks them when a
 * policy is saved, and reports one that no longer compiles instead of evaluating it, so nothing a
 * hand-edited file holds can make this migration fail.
 */
import { sql } from '../sql';
import type { Migration } from './migration';

export const migration0003UserPolicies: Migration = {
  version: 3,
  name: 'user-policies',
  up(db) {
    db.exec(sql`
      CREATE TABLE policies_next (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        description TEXT NOT NULL DEFAULT '',
        -- CEL: must be true for every agent in scope.
        condition TEXT NOT NULL,
        -- CEL: which governed agents the policy concerns; NULL for all of them.
        applies_to TEXT,
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
        remediation TEXT NOT NULL DEFAULT '',
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT
      ) STRICT;

      INSERT INTO policies_next (id, name, description, condition, applies_to, severity, remediation, enabled, created_at, updated_at)
        SELECT id, name, description, expression, NULL, CASE severity WHEN 'info' THEN 'low' ELSE severity END, '', enabled, created_at, updated_at
        FROM policies WHERE builtin = 0;

      DROP TABLE policies;
      ALTER TABLE policies_next RENAME TO policies;
      -- NOCASE folds ASCII only; the repository also compares Unicode case-insensitively.
      CREATE UNIQUE INDEX policies_name_unique ON policies (name COLLATE NOCASE);
    `);
  },
};
