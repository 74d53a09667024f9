#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so a fresh clone needs no build step.
process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
require('tsx/cjs');
require('../app/cli/main.ts');
