/**
 * 0001 — the whole product's schema, laid down at once so later features fill tables instead of
 * reshaping them.
 *
 * Conventions: STRICT tables (a hand-edited value of the wrong type is refused); timestamps are ISO-8601
 * UTC text; booleans are INTEGER 0/1 with a CHECK; JSON is TEXT with a json_valid CHECK; enumerations are
 * CHECKed so a typo cannot enter. Everything a scan produced hangs off `scans` with ON DELETE CASCADE, so
 * deleting (or failing) a scan never leaves orphans and never touches another scan. What humans wrote
 * (registry, finding lifecycle, reviews, plan, audit log) is keyed by ARN or fingerprint, not by scan,
 * so it survives across scans. No table has a place for a secret: connections keep profile names and
 * role ARNs only.
 */
import { sql } from '../sql';
import type { Migration } from './migration';

export const migration0001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db, context) {
    db.exec(sql`
      -- One row: which workspace this is and who made it.
      CREATE TABLE workspace_meta (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        workspace_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_with_version TEXT NOT NULL
      ) STRICT;

      -- Workspace settings by top-level key (e.g. "thresholds"), each a JSON value.
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      -- How to reach one AWS account. Never a secret: a profile name, an optional role to assume.
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        profile TEXT NOT NULL CHECK (length(profile) > 0),
        role_arn TEXT,
        external_id TEXT,
        regions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(regions) AND json_type(regions) = 'array'),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_test_at TEXT,
        last_test_ok INTEGER CHECK (last_test_ok IN (0, 1)),
        last_test_account_id TEXT,
        last_test_message TEXT
      ) STRICT;
      -- NOCASE folds ASCII only; the repository also compares Unicode case-insensitively.
      CREATE UNIQUE INDEX connections_name_unique ON connections (name COLLATE NOCASE);

      -- One discovery run (live), offline import, or the demo data. Immutable once finished.
      CREATE TABLE scans (
        id TEXT PRIMARY KEY,
        connection_id TEXT REFERENCES connections (id) ON DELETE SET NULL,
        -- The connection's name at scan time, so the scan keeps its label after the connection goes.
        connection_name TEXT,
        source TEXT NOT NULL CHECK (source IN ('live', 'import', 'demo')),
        -- Free text: the imported file names, a note.
        label TEXT,
        account_id TEXT,
        account_alias TEXT,
        -- The identity the scanner acted as.
        scanner_arn TEXT,
        regions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(regions) AND json_type(regions) = 'array'),
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        error TEXT,
        app_version TEXT,
        -- When agents and findings were (re)derived from the raw facts, and by which analysis.
        analyzed_at TEXT,
        analysis_version TEXT,
        identity_count INTEGER NOT NULL DEFAULT 0 CHECK (identity_count >= 0),
        agent_count INTEGER NOT NULL DEFAULT 0 CHECK (agent_count >= 0),
        ai_agent_count INTEGER NOT NULL DEFAULT 0 CHECK (ai_agent_count >= 0),
        finding_count INTEGER NOT NULL DEFAULT 0 CHECK (finding_count >= 0),
        api_call_count INTEGER NOT NULL DEFAULT 0 CHECK (api_call_count >= 0),
        -- Breakdowns for the dashboard (by tier, severity, step) without re-reading every row.
        totals TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(totals) AND json_type(totals) = 'object')
      ) STRICT;
      CREATE INDEX scans_started_at ON scans (started_at);
      CREATE INDEX scans_connection_id ON scans (connection_id);
      CREATE INDEX scans_account_started ON scans (account_id, started_at);

      -- Per collector and region: how it went, so one denied API never sinks a scan silently.
      CREATE TABLE scan_collectors (
        scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        collector TEXT NOT NULL,
        -- 'global' for global services such as IAM.
        region TEXT NOT NULL,
        outcome TEXT NOT NULL
          CHECK (outcome IN ('ok', 'denied', 'throttled', 'unsupported', 'failed', 'cancelled')),
        message TEXT,
        call_count INTEGER NOT NULL DEFAULT 0 CHECK (call_count >= 0),
        throttled_count INTEGER NOT NULL DEFAULT 0 CHECK (throttled_count >= 0),
        error_count INTEGER NOT NULL DEFAULT 0 CHECK (error_count >= 0),
        fact_count INTEGER NOT NULL DEFAULT 0 CHECK (fact_count >= 0),
        started_at TEXT,
        duration_ms INTEGER NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
        PRIMARY KEY (scan_id, collector, region)
      ) STRICT;

      -- AWS API calls made by a scan, per operation (e.g. 'iam:GetAccountAuthorizationDetails') and region.
      CREATE TABLE scan_api_calls (
        scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        operation TEXT NOT NULL,
        region TEXT NOT NULL DEFAULT 'global',
        count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
        error_count INTEGER NOT NULL DEFAULT 0 CHECK (error_count >= 0),
        PRIMARY KEY (scan_id, operation, region)
      ) STRICT;

      -- The raw facts a scan saw, so analysis can be re-run without calling AWS again.
      CREATE TABLE scan_facts (
        scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        -- e.g. 'iam.role', 'lambda.function', 'bedrock.agent'.
        kind TEXT NOT NULL,
        -- Usually the ARN; the region for per-region settings.
        key TEXT NOT NULL,
        region TEXT NOT NULL DEFAULT 'global',
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        PRIMARY KEY (scan_id, kind, key)
      ) STRICT;

      -- The inventory: every non-human identity of a scan, AI agents marked.
      CREATE TABLE agents (
        scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        arn TEXT NOT NULL,
        -- iam-user, iam-role, oidc-provider, saml-provider, bedrock-api-key, instance-profile, third-party-key.
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        account_id TEXT NOT NULL,
        is_ai INTEGER NOT NULL DEFAULT 0 CHECK (is_ai IN (0, 1)),
        signals TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(signals) AND json_type(signals) = 'array'),
        tier INTEGER NOT NULL CHECK (tier IN (1, 2, 3)),
        tier_reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tier_reasons) AND json_type(tier_reasons) = 'array'),
        -- Identity details for the agent page (credentials and ages, trust policy, permission summary).
        data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
        PRIMARY KEY (scan_id, arn)
      ) STRICT;
      CREATE INDEX agents_arn ON agents (arn);
      CREATE INDEX agents_scan_tier ON agents (scan_id, tier);

      -- Lambda functions, SageMaker endpoints, Bedrock agents…, each linked to the identity it runs as.
      CREATE TABLE workloads (
        scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        arn TEXT NOT NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        region TEXT NOT NULL DEFAULT 'global',
        identity_arn TEXT,
        data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
        PRIMARY KEY (scan_id, arn)
      ) STRICT;
      CREATE INDEX workloads_scan_identity ON workloads (scan_id, identity_arn);
      CREATE INDEX workloads_arn ON workloads (arn);

      -- One rule violated by one resource in one scan. The fingerprint is stable across scans.
      CREATE TABLE findings (
        scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
        step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 10),
        resource_arn TEXT NOT NULL,
        principal_arn TEXT,
        title TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(evidence)),
        -- The lifecycle as of this scan ('resolved' findings are absent from the scan by definition).
        status TEXT NOT NULL CHECK (status IN ('new', 'open', 'accepted', 'regressed')),
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        PRIMARY KEY (scan_id, fingerprint)
      ) STRICT;
      CREATE INDEX findings_fingerprint ON findings (fingerprint);
      CREATE INDEX findings_scan_rule ON findings (scan_id, rule_id);
      CREATE INDEX findings_scan_severity ON findings (scan_id, severity);
      CREATE INDEX findings_resource_arn ON findings (resource_arn);
      CREATE INDEX findings_principal_arn ON findings (principal_arn);

      -- A finding's life across scans, by fingerprint: what humans decided outlives any one scan.
      CREATE TABLE finding_states (
        fingerprint TEXT PRIMARY KEY,
        rule_id TEXT NOT NULL,
        resource_arn TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'resolved', 'regressed')),
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        first_seen_scan_id TEXT REFERENCES scans (id) ON DELETE SET NULL,
        last_seen_scan_id TEXT REFERENCES scans (id) ON DELETE SET NULL,
        accepted_reason TEXT,
        accepted_by TEXT,
        accepted_at TEXT,
        -- An accepted risk expires; after this date the finding counts as open again.
        accepted_until TEXT,
        resolved_at TEXT,
        resolved_scan_id TEXT REFERENCES scans (id) ON DELETE SET NULL,
        regressed_at TEXT,
        updated_at TEXT NOT NULL,
        CHECK (state <> 'accepted' OR (length(trim(coalesce(accepted_reason, ''))) > 0 AND accepted_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX finding_states_rule_id ON finding_states (rule_id);
      CREATE INDEX finding_states_resource_arn ON finding_states (resource_arn);
      CREATE INDEX finding_states_state ON finding_states (state);

      -- What humans say about an identity, by ARN, surviving across scans.
      CREATE TABLE registry (
        arn TEXT PRIMARY KEY,
        owner TEXT,
        -- 'tag' when prefilled from an owner tag on the AWS resource, 'manual' when a person set it.
        owner_source TEXT CHECK (owner_source IN ('manual', 'tag')),
        purpose TEXT,
        data_scope TEXT,
        status TEXT NOT NULL DEFAULT 'unregistered' CHECK (status IN ('registered', 'unregistered', 'decommissioned')),
        tier_override INTEGER CHECK (tier_override IN (1, 2, 3)),
        override_reason TEXT,
        override_by TEXT,
        override_at TEXT,
        last_review_at TEXT,
        next_review_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT,
        -- A tier override is never silent: it carries its justification.
        CHECK (tier_override IS NULL OR length(trim(coalesce(override_reason, ''))) > 0)
      ) STRICT;
      CREATE INDEX registry_owner ON registry (owner);
      CREATE INDEX registry_status ON registry (status);
      CREATE INDEX registry_next_review_at ON registry (next_review_at);

      -- Governance policies over agents: built-ins and the team's own CEL expressions.
      CREATE TABLE policies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        description TEXT NOT NULL DEFAULT '',
        expression TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX policies_name_unique ON policies (name COLLATE NOCASE);

      -- The workspace's 30-day plan (one) and its tasks.
      CREATE TABLE plan (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        start_date TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE plan_tasks (
        id TEXT PRIMARY KEY,
        week INTEGER NOT NULL CHECK (week >= 1),
        step INTEGER CHECK (step BETWEEN 1 AND 10),
        position INTEGER NOT NULL DEFAULT 0,
        title TEXT NOT NULL,
        -- 'measured' tasks take their progress from scan data (metric); 'manual' ones from a person.
        kind TEXT NOT NULL CHECK (kind IN ('measured', 'manual')),
        metric TEXT,
        owner TEXT,
        due_date TEXT,
        status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
        note TEXT,
        completed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX plan_tasks_week_position ON plan_tasks (week, position);

      -- Review meetings and the decision taken for each agent on the agenda.
      CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        scheduled_for TEXT NOT NULL,
        held_at TEXT,
        status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
        attendees TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attendees) AND json_type(attendees) = 'array'),
        -- The agent ARNs due when the agenda was drawn up.
        agenda TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(agenda) AND json_type(agenda) = 'array'),
        notes TEXT NOT NULL DEFAULT '',
        -- The scan whose data the review looked at.
        scan_id TEXT REFERENCES scans (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reviews_scheduled_for ON reviews (scheduled_for);
      CREATE TABLE review_decisions (
        review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        agent_arn TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('keep', 'reduce_access', 'rotate', 'retier', 'decommission')),
        new_tier INTEGER CHECK (new_tier IN (1, 2, 3)),
        note TEXT NOT NULL DEFAULT '',
        decided_by TEXT,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (review_id, agent_arn),
        CHECK (decision <> 'retier' OR new_tier IS NOT NULL)
      ) STRICT;
      CREATE INDEX review_decisions_agent_arn ON review_decisions (agent_arn);

      -- Every human change, each row's hash covering its content and the previous row's hash.
      -- AUTOINCREMENT so a sequence number is never reused, even after a tampering delete.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_log_target ON audit_log (target);
      -- Append-only through the app; the hash chain detects edits made around these triggers.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);

    db.run(sql`
      INSERT INTO workspace_meta (singleton, workspace_id, created_at, created_with_version)
      VALUES (1, ${context.newId()}, ${context.now.toISOString()}, ${context.appVersion})
    `);
  },
};
