#!/usr/bin/env node
// The `linkage` bin. In a checkout it runs the TypeScript CLI through tsx, so no build step is
// needed; where only the production build is (no src/, as in the Docker image), dist/.
const fs = require('node:fs');
const path = require('node:path');

const fromSource = fs.existsSync(path.join(__dirname, '../src/cli/main.ts'));
if (fromSource) require('tsx/cjs');
const { run } = require(fromSource ? '../src/cli/main.ts' : '../dist/src/cli/main.js');
run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
