/**
 * 0008 — scheduled scans per connection (core/schedules/).
 *
 * A connection's schedule is off, every N hours (1–168), or daily at a local time (HH:mm) in an IANA
 * time zone, so a daily scan stays at 09:00 across a daylight-saving change. `schedule_set_at` is when
 * the schedule last changed: the next run counts from it or from the last run, whichever is later.
 * The last scheduled run keeps when it was claimed (compare-and-set on this column, so two processes on
 * one workspace cannot both start it), its outcome, a message and the scan it stored.
 */
import { sql } from '../sql';
import type { Migration } from './migration';

export const migration0008ConnectionSchedules: Migration = {
  version: 8,
  name: 'connection-schedules',
  up(db) {
    db.exec(sql`
      ALTER TABLE connections ADD COLUMN schedule_kind TEXT NOT NULL DEFAULT 'off'
        CHECK (schedule_kind IN ('off', 'every', 'daily'));
      ALTER TABLE connections ADD COLUMN schedule_every_hours INTEGER
        CHECK (schedule_every_hours IS NULL OR (schedule_every_hours BETWEEN 1 AND 168));
      ALTER TABLE connections ADD COLUMN schedule_daily_at TEXT
        CHECK (schedule_daily_at IS NULL OR schedule_daily_at GLOB '[0-2][0-9]:[0-5][0-9]');
      ALTER TABLE connections ADD COLUMN schedule_time_zone TEXT
        CHECK (schedule_time_zone IS NULL OR length(schedule_time_zone) > 0);
      ALTER TABLE connections ADD COLUMN schedule_set_at TEXT;
      ALTER TABLE connections ADD COLUMN schedule_last_run_at TEXT;
      ALTER TABLE connections ADD COLUMN schedule_last_outcome TEXT
        CHECK (schedule_last_outcome IS NULL OR schedule_last_outcome IN ('running', 'completed', 'failed', 'cancelled', 'skipped'));
      ALTER TABLE connections ADD COLUMN schedule_last_message TEXT;
      ALTER TABLE connections ADD COLUMN schedule_last_scan_id TEXT;
    `);
  },
};
