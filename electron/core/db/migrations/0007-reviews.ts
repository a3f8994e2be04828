/**
 * 0007 — review meetings (governance/reviews/).
 *
 * The reviews and review_decisions tables of 0001 were never written by any version; they are replaced
 * by the shape meetings need: a meeting (local date-time and its IANA time zone, attendees, which tiers
 * and accounts), its agenda in order (each agent with the tier and reason it was put there, and whether
 * it was carried over when the meeting ended undecided), one decision per agent with the evidence the
 * room saw (JSON) and the SHA-256 of its canonical JSON, and the decisions' action items. A decision is
 * committed when made, so a meeting interrupted mid-way resumes from these rows.
 *
 * review_overdue now follows the cadence in Settings and a scheduled date first (analysis/rules/
 * review-due.ts): every scan's analysis stamp is cleared so each is analysed again on its next read (as 0005 did).
 */
import { sql } from '../sql';
import type { Migration } from './migration';

export const migration0007Reviews: Migration = {
  version: 7,
  name: 'reviews',
  up(db) {
    db.exec(sql`
      DROP TABLE review_decisions;
      DROP TABLE reviews;

      CREATE TABLE review_meetings (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        -- Local date and time in time_zone: the meeting stays at 10:00 across a daylight-saving change.
        scheduled_for TEXT NOT NULL CHECK (scheduled_for GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'),
        time_zone TEXT NOT NULL CHECK (length(time_zone) > 0),
        status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'held')),
        attendees TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attendees) AND json_type(attendees) = 'array'),
        tiers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tiers) AND json_type(tiers) = 'array'),
        account_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(account_ids) AND json_type(account_ids) = 'array'),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        started_at TEXT,
        ended_at TEXT,
        updated_at TEXT NOT NULL,
        CHECK (status = 'planned' OR started_at IS NOT NULL),
        CHECK ((status = 'held') = (ended_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX review_meetings_scheduled_for ON review_meetings (scheduled_for);

      CREATE TABLE review_agenda_items (
        meeting_id TEXT NOT NULL REFERENCES review_meetings (id) ON DELETE CASCADE,
        arn TEXT NOT NULL,
        position INTEGER NOT NULL CHECK (position >= 0),
        name TEXT NOT NULL,
        account_id TEXT,
        tier INTEGER NOT NULL CHECK (tier IN (1, 2, 3)),
        reason TEXT NOT NULL,
        -- 1 once the meeting ended without a decision on it: the next meeting's agenda takes it.
        carried_over INTEGER NOT NULL DEFAULT 0 CHECK (carried_over IN (0, 1)),
        PRIMARY KEY (meeting_id, arn),
        UNIQUE (meeting_id, position)
      ) STRICT;

      CREATE TABLE review_decisions (
        meeting_id TEXT NOT NULL,
        arn TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('keep', 'keep_with_changes', 'reduce_access', 'rotate_credentials', 'retier', 'decommission', 'defer')),
        new_tier INTEGER CHECK (new_tier IN (1, 2, 3)),
        reason TEXT,
        defer_until TEXT,
        note TEXT NOT NULL DEFAULT '',
        deciders TEXT NOT NULL CHECK (json_valid(deciders) AND json_type(deciders) = 'array' AND json_array_length(deciders) > 0),
        decided_at TEXT NOT NULL,
        -- What the room saw (governance/reviews/evidence.ts) and the SHA-256 of its canonical JSON.
        evidence TEXT NOT NULL CHECK (json_valid(evidence) AND json_type(evidence) = 'object'),
        evidence_hash TEXT NOT NULL CHECK (length(evidence_hash) = 64),
        PRIMARY KEY (meeting_id, arn),
        FOREIGN KEY (meeting_id, arn) REFERENCES review_agenda_items (meeting_id, arn) ON DELETE CASCADE,
        CHECK ((decision = 'retier') = (new_tier IS NOT NULL)),
        CHECK ((decision = 'defer') = (defer_until IS NOT NULL)),
        CHECK (decision NOT IN ('retier', 'decommission', 'defer') OR length(trim(coalesce(reason, ''))) > 0)
      ) STRICT;
      CREATE INDEX review_decisions_arn ON review_decisions (arn, decided_at);

      CREATE TABLE review_action_items (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL,
        arn TEXT NOT NULL,
        position INTEGER NOT NULL CHECK (position >= 0),
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        owner TEXT NOT NULL CHECK (length(trim(owner)) > 0),
        due_date TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        done_at TEXT,
        done_by TEXT,
        created_at TEXT NOT NULL,
        FOREIGN KEY (meeting_id, arn) REFERENCES review_decisions (meeting_id, arn) ON DELETE CASCADE,
        CHECK ((status = 'done') = (done_at IS NOT NULL AND done_by IS NOT NULL))
      ) STRICT;
      CREATE INDEX review_action_items_arn ON review_action_items (arn);
    `);
    db.run(sql`UPDATE scans SET analysis_inputs = NULL WHERE analysis_inputs IS NOT NULL`);
  },
};
