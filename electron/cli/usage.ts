export const USAGE = `warden — Agent Warden from the command line

Usage:
  warden <command> [options]

Commands:
  serve [--port N] [--demo | --demo-when-empty]
                             Serve the console in a browser on 127.0.0.1 (prints the URL to open);
                             --demo opens the built-in demo company (its one file, kept between runs),
                             --demo-when-empty only when the workspace file does not exist yet
  connections list           List saved connections and the AWS profiles on this machine
  connections test NAME      Test a saved connection (or a profile of that name) with STS GetCallerIdentity
  scan                       Run a read-only discovery scan and save it in the workspace
       [--connection NAME | --profile NAME] [--role-arn ARN [--external-id ID]]
       [--region R]... [--all-regions] [--org-role ROLE_NAME]
       [--fail-on KIND[,KIND...]]
                             --fail-on: after the scan, print what changed since the previous scan
                             of each account as JSON on stdout and exit 3 when any KIND appears:
                             new-shadow-ai (an unregistered AI agent appeared), new-critical,
                             new-high (a new critical or high finding), regressed (a critical or
                             high finding came back); see docs/continuous-discovery.md
  import --authorization-details FILE [--credential-report FILE] [--account-id ID]
                             Import offline exports (aws iam get-account-authorization-details,
                             the IAM credential report as CSV or get-credential-report JSON)
  agents [--account ID] [--scan latest|ID] [--format json|csv|table]
                             The inventory of every account's newest scan (or of one account, or of
                             one scan): every IAM user and role, AI agents marked, workloads under
                             the identity they run as
  findings [--account ID] [--scan latest|ID] [--severity S] [--rule ID] [--format json|csv|sarif|table]
                             Findings of every account's newest scan (or of one account, or of one
                             scan) with their lifecycle (new, open, accepted, regressed)
  overview [--account ID] [--format json|table]
                             Are the AI agents under control? The verdict, posture score (with its
                             formula), KPIs with their change since the previous scan, and the chart
                             series, for every account's newest scan (or one account)
  plan [--format json|table] The 30-day plan: its week, every task with its status (measured tasks
                             verified by scans, manual ones claimed by people), progress, blockers
  export inventory|findings --format csv|json|sarif|ocsf|ocsf-jsonl [--account ID] [--scan ID]
                             The inventory (csv, json) or the findings (csv, json, sarif, OCSF 1.3.0
                             Detection Findings as a JSON array or JSON Lines) of the current state or
                             one scan, to stdout; every export names the scans it came from
  diff [--from ID] [--to ID] [--account ID] [--format json|table]
                             What changed between two scans of one account (default: its newest
                             scan against the one before it): identities and AI agents added and
                             removed, new shadow AI, findings new, regressed and resolved, owner and
                             tier changes
  reviews due [--by DATE] [--tier N] [--format json|table]
                             Agents due for review by a date (today by default) by their tier's
                             cadence and last decision: never reviewed first, then by tier, then by
                             open critical and high findings
  reviews list [--format json]
                             Every review meeting: agenda, decisions, action items, carried over
  reviews minutes ID [--format md|json]
                             A meeting's minutes: date, attendees, agenda, decisions with their note
                             and evidence hash, action items with owners and due dates, carried over
  reviews ics [--tier N | --combined]
                             The review meetings as an iCalendar file (> team.ics): one series per
                             tier at its cadence (or one tier), or one combined monthly meeting, at
                             the time and time zone of the next planned meeting
  report leadership --out FILE.pdf [--paper a4|letter] [--account ID] [--period Nd] [--all-agents]
                             The leadership report as a PDF (--pdf FILE is the same): verdict,
                             score, KPIs, top risks with owners, plan progress, decisions needed,
                             charts, shadow AI, Tier 1 appendix; every page names the scans and the
                             audit log head. Printed by Chrome/Chromium on this machine (PATH, or
                             WARDEN_CHROME=/path/to/chrome); needs the built UI (npm run build).
                             --period 30d: the changes are over the last 30 days (7d, 90d, any
                             1d-365d), against each account's last scan at or before the start;
                             default: since each account's previous scan. --all-agents: the
                             appendix lists every agent, not only Tier 1 (one row each: many pages)
  report minutes --meeting ID --out FILE.pdf [--paper a4|letter]
                             A meeting's minutes as a PDF (--pdf FILE is the same): attendees, agenda,
                             decisions with note and evidence hash, action items, carried over,
                             signatures; every page names the report and the audit log head
                             Both: --html FILE writes the same page as one self-contained HTML
                             file (fonts inlined, no script, nothing fetched); with or without --out
  audit verify [--json]      Check the audit log's hash chain (exit 1 at the first broken link)
  audit export [--actor NAME] [--kind ACTION] [--target TEXT] [--format csv|json]
                             The audit log's entries (all, or those of one person, one kind of change,
                             or a target whose name or ID contains TEXT), oldest first; CSV by default
  policies list [--account ID] [--scan latest|ID] [--format json|table]
                             Governance policies (built-in and your CEL policies) and how each fared
                             on every account's newest scan, summed (or on one account, or one scan)
  policies test --expr CEL [--applies-to CEL] [--account ID] [--scan latest|ID] [--format json|table]
                             Try a CEL condition against the agents of every account's newest scan
                             (or of one account, or one scan) without saving it
                             (exit 1 when it does not compile, with the line and column)
  policy [--org-role ROLE_NAME]
                             Print the least-privilege read-only IAM policy the scanner needs
                             (an IAM policy for AWS, not a governance policy)

Options:
  --workspace FILE           Workspace file (default: WARDEN_WORKSPACE, else the app-data folder);
                             "demo" is the demo company's file, the one the app shows (built on
                             first use). Commands that only read never create a workspace.
  --json                     Machine-readable output
  --port N                   Port for serve (default 0: a free port)
  -h, --help                 Show this help
  -v, --version              Show the version

Exit codes: 0 success (a scan that completed even if some collectors were denied), 1 failure
(no scan could be made), 2 usage error, 3 \`scan --fail-on\` found a kind of change it names.
`;
