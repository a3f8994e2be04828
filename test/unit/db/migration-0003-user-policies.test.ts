import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSchemaVersion } from '@core/db/migrate';
import { sql } from '@core/db/sql';
import { createScratchDatabase, describeSchema, migrateTo, runMigration, type ScratchDatabase } from './helpers/migration-harness';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

const NOW = '2025-01-02T03:04:05.000Z';

describe('migration 0003 (user policies)', () => {
  let db: ScratchDatabase;

  beforeEach(() => {
    db = createScratchDatabase(makeTempDir());
    migrateTo(db, 2);
    // The 0001 table was never written by the app; a hand-made row and a built-in row stand for what a file may hold.
    db.write.run(sql`INSERT INTO policies (id, name, description, expression, severity, enabled, builtin, created_at, updated_at)
                     VALUES ('p-1', 'Owned AI', 'AI agents have owners', 'agent.ai ? agent.owner != null : true', 'info', 0, 0, ${NOW}, ${NOW})`);
    db.write.run(sql`INSERT INTO policies (id, name, description, expression, severity, enabled, builtin, created_at, updated_at)
                     VALUES ('builtin:x', 'Built in', '', 'true', 'high', 1, 1, ${NOW}, ${NOW})`);
    runMigration(db, 3);
  });

  afterEach(() => {
    db.close();
    removeTempDirs();
  });

  it('moves the workspace to version 3', () => {
    expect(readSchemaVersion(db.read)).toBe(3);
  });

  it('reshapes policies: condition, applies-to, remediation, who; no built-in flag; STRICT; the unique name index kept', () => {
    const table = describeSchema(db.read).tables['policies'];
    expect(table?.columns.map((c) => c.name)).toEqual([
      'id', 'name', 'description', 'condition', 'applies_to', 'severity', 'remediation', 'enabled', 'created_at', 'created_by', 'updated_at', 'updated_by',
    ]);
    expect(table?.strict).toBe(true);
    expect(table?.indexes).toEqual([{ name: 'policies_name_unique', unique: true, columns: ['name'] }]);
    expect(describeSchema(db.read).tables['policies_next']).toBeUndefined();
  });

  it('keeps a person’s row (expression → condition, info → low) and drops built-in rows', () => {
    expect(db.read.all(sql`SELECT * FROM policies`)).toEqual([
      {
        id: 'p-1',
        name: 'Owned AI',
        description: 'AI agents have owners',
        condition: 'agent.ai ? agent.owner != null : true',
        applies_to: null,
        severity: 'low',
        remediation: '',
        enabled: 0,
        created_at: NOW,
        created_by: null,
        updated_at: NOW,
        updated_by: null,
      },
    ]);
  });

  it('refuses bad values and a second policy of the same name in any ASCII case', () => {
    const insert = (id: string, name: string, severity = 'high', enabled = 1): void => {
      db.write.run(sql`INSERT INTO policies (id, name, condition, severity, enabled, created_at, updated_at)
                       VALUES (${id}, ${name}, 'true', ${severity}, ${enabled}, ${NOW}, ${NOW})`);
    };
    insert('p-2', 'Keys are young');
    expect(() => insert('p-3', 'KEYS ARE YOUNG')).toThrow(/UNIQUE/);
    expect(() => insert('p-4', 'Other', 'info')).toThrow(/CHECK/);
    expect(() => insert('p-5', 'Other', 'high', 2)).toThrow(/CHECK/);
    expect(() => insert('p-6', '   ')).toThrow(/CHECK/);
    expect(() => db.write.run(sql`UPDATE policies SET enabled = 'yes' WHERE id = 'p-2'`)).toThrow();
  });
});
