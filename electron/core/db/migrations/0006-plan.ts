/**
 * 0006 — the 30-day plan (governance/plan/) and the registry's tier confirmation.
 *
 * The plan and plan_tasks tables of 0001 were never written; they are replaced by the shape the plan
 * needs: one plan row (start date, who started it, restarts), a row per task the team has touched or
 * added (built-in tasks' titles and criteria live in code, so only what the team records is stored:
 * owner, due date, notes, a manual claim, a skip with its reason), and the recorded evaluations the
 * regressions and the burn-down are read from (one row each time the current state or any task's
 * status changed). The registry gains who confirmed an identity's tier, and which tier they confirmed
 * (a confirmation of a tier the analysis no longer gives is not a confirmation of the new one).
 */
import { sql } from '../sql';
import type { Migration } from './migration';

export const migration0006Plan: Migration = {
  version: 6,
  name: 'plan',
  up(db) {
    db.exec(sql`
      DROP TABLE plan_tasks;
      DROP TABLE plan;

      CREATE TABLE plan (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        started_by TEXT NOT NULL,
        started_at TEXT NOT NULL,
        restarts INTEGER NOT NULL DEFAULT 0 CHECK (restarts >= 0)
      ) STRICT;

      CREATE TABLE plan_tasks (
        id TEXT PRIMARY KEY,
        -- 1: a built-in task of governance/plan/plan-criteria.ts (title and criterion from code); 0: the team's own.
        built_in INTEGER NOT NULL CHECK (built_in IN (0, 1)),
        week INTEGER CHECK (week BETWEEN 1 AND 4),
        step INTEGER CHECK (step BETWEEN 1 AND 10),
        title TEXT,
        owner TEXT,
        due_date TEXT,
        notes TEXT NOT NULL DEFAULT '',
        claimed_by TEXT,
        claimed_at TEXT,
        claim_evidence TEXT,
        skip_reason TEXT,
        skipped_by TEXT,
        skipped_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- The team's own tasks carry their week, step and title; a claim and a skip carry who and why.
        CHECK (built_in = 1 OR (week IS NOT NULL AND step IS NOT NULL AND length(trim(coalesce(title, ''))) > 0)),
        CHECK (claimed_at IS NULL OR (claimed_by IS NOT NULL AND length(trim(coalesce(claim_evidence, ''))) > 0)),
        CHECK (skipped_at IS NULL OR (skipped_by IS NOT NULL AND length(trim(coalesce(skip_reason, ''))) > 0))
      ) STRICT;

      CREATE TABLE plan_evaluations (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        -- The current scans the evaluation read.
        scan_ids TEXT NOT NULL CHECK (json_valid(scan_ids) AND json_type(scan_ids) = 'array'),
        -- { taskId: { "status": "done"|"open", "done": n, "total": n } } for the measured tasks.
        results TEXT NOT NULL CHECK (json_valid(results) AND json_type(results) = 'object')
      ) STRICT;

      ALTER TABLE registry ADD COLUMN tier_confirmed INTEGER CHECK (tier_confirmed IN (1, 2, 3));
      ALTER TABLE registry ADD COLUMN tier_confirmed_by TEXT;
      ALTER TABLE registry ADD COLUMN tier_confirmed_at TEXT;
    `);
  },
};
