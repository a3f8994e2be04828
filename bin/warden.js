#!/usr/bin/env node
'use strict';
// Entry point of the installed `warden` command: the CLI is built to out/cli by `npm run build`.
require('../out/cli/warden.js').main();
