#!/usr/bin/env node
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bin entry */
// Entry point of the installed `warden` command: the CLI is built to out/cli by `npm run build`.
require('../out/cli/warden.js').main();
