#!/usr/bin/env node
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-unused-vars -- a CommonJS bin entry, kept parseable by old Nodes (no optional catch binding) */
// Entry point of the installed `warden` command: the CLI is built to out/cli by `npm run build`.
//
// The Node version is checked first, before anything loads better-sqlite3: its native build for the
// supported Node crashes an older one with a segmentation fault instead of an error. This file is
// therefore written in syntax every Node since 4 parses (var, no arrow functions, no ?. or ??).
var required = '22.12';
try {
  var engines = require('../package.json').engines;
  var match = /(\d+)\.(\d+)/.exec((engines && engines.node) || '');
  if (match) required = match[1] + '.' + match[2];
} catch (ignored) {
  // A copy without package.json beside it keeps the built-in minimum.
}

function atLeast(version, minimum) {
  var have = version.split('.').map(Number);
  var want = minimum.split('.').map(Number);
  for (var i = 0; i < want.length; i++) {
    if ((have[i] || 0) !== want[i]) return (have[i] || 0) > want[i];
  }
  return true;
}

if (!atLeast(process.versions.node, required)) {
  process.stderr.write(
    'warden: Node.js ' + required + ' or newer is required; this is Node.js ' + process.versions.node + ' (' + process.execPath + ').\n' +
      'From a checkout, `npm run warden -- …` uses the Node pinned in node_modules; otherwise install Node ' + required + ' or newer.\n',
  );
  process.exit(1);
}

require('../out/cli/warden.js').main();
