// stdio-tap.mjs — run a stdio server and log what crosses its pipes
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node stdio-tap.mjs LOGFILE LABEL COMMAND [ARGS...]
//
// Bytes pass through unchanged; each complete line is also appended to
// LOGFILE as "[LABEL pid] C>S line" or "S>C line". The tap exits with the
// server's exit status, and passes SIGTERM and SIGINT on to the server.
// The interop tests use it when MCP_INTEROP_TRACE is set.

import { spawn } from 'node:child_process';
import fs from 'node:fs';

const [logFile, label, command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node stdio-tap.mjs LOGFILE LABEL COMMAND [ARGS...]');
  process.exit(2);
}

const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
const tag = `[${label} ${child.pid}]`;

function note (text) {
  fs.appendFileSync(logFile, `${new Date().toISOString()} ${tag} ${text}\n`);
}

function splitter (direction) {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
      note(`${direction} ${pending.slice(0, newline)}`);
      pending = pending.slice(newline + 1);
    }
  };
}

const fromClient = splitter('C>S');
const fromServer = splitter('S>C');

note(`-- spawned ${command} ${args.join(' ')}`);

process.stdin.on('data', (chunk) => {
  fromClient(chunk);
  child.stdin.write(chunk);
});
process.stdin.on('end', () => {
  note('-- client closed standard input');
  child.stdin.end();
});
child.stdin.on('error', (error) => note(`-- server stdin error: ${error.message}`));

child.stdout.on('data', (chunk) => {
  fromServer(chunk);
  process.stdout.write(chunk);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    note(`-- tap got ${signal}, passing it on`);
    child.kill(signal);
  });
}

child.on('exit', (code, signal) => {
  note(`-- server exited: code ${code}, signal ${signal}`);
  process.exitCode = code ?? 1;
});
child.on('close', () => process.exit());
child.on('error', (error) => {
  note(`-- spawn failed: ${error.message}`);
  process.exit(1);
});
