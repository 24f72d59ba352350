#!/usr/bin/env node
// The `backpressure` command: checks the Node version, then runs the compiled CLI in dist/cli/main.js.
// Plain JavaScript with no newer syntax than ES2017, so that an old Node gets the message below instead of a
// SyntaxError.
import { existsSync } from 'fs';
import { fileURLToPath } from 'url';

var REQUIRED = [22, 12];
var parts = process.versions.node.split('.').map(Number);
if (parts[0] < REQUIRED[0] || (parts[0] === REQUIRED[0] && parts[1] < REQUIRED[1])) {
  process.stderr.write(
    'backpressure: needs Node.js ' +
      REQUIRED.join('.') +
      ' or newer, but this is Node.js ' +
      process.versions.node +
      '.\n' +
      'Install Node 22 (LTS) from https://nodejs.org/, or with a version manager: "nvm install 22 && nvm use 22",\n' +
      '"fnm use --install-if-missing 22" or "volta install node@22", then run the command again.\n',
  );
  process.exit(1);
}

var mainUrl = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(mainUrl))) {
  process.stderr.write(
    'backpressure: the command line is not built yet (' +
      fileURLToPath(mainUrl) +
      ' is missing).\n' +
      'Run "npm install" (or "npm run build:node") first, in ' +
      fileURLToPath(new URL('..', import.meta.url)) +
      '\n',
  );
  process.exit(1);
}

import(mainUrl.href)
  .then(function (cli) {
    return cli.runCli(process.argv.slice(2));
  })
  .catch(function (err) {
    process.stderr.write('backpressure: could not start: ' + (err && err.message ? err.message : String(err)) + '\n');
    if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write('The build in dist/ looks incomplete: run "npm run build:node" again.\n');
    } else {
      process.stderr.write('This is a bug in Backpressure; set BACKPRESSURE_DEBUG=1 to see the stack trace.\n');
      if (process.env.BACKPRESSURE_DEBUG === '1' && err && err.stack) process.stderr.write(err.stack + '\n');
    }
    process.exit(1);
  });
