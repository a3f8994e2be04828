export const USAGE = `warden — Agent Warden from the command line

Usage:
  warden <command> [options]

Commands:
  serve                      Serve the console in a browser on 127.0.0.1 (prints the URL to open)
  connections list           List saved connections and the AWS profiles on this machine
  connections test NAME      Test a saved connection (or a profile of that name) with STS GetCallerIdentity

Options:
  --workspace FILE           Workspace file (default: WARDEN_WORKSPACE, else the app-data folder)
  --json                     Machine-readable output (connections)
  --port N                   Port for serve (default 0: a free port)
  -h, --help                 Show this help
  -v, --version              Show the version

Exit codes: 0 success, 1 failure, 2 usage error.
`;
