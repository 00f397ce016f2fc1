// common.mjs — shared helpers for the interop tests
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The official MCP TypeScript SDKs are not vendored: build-aux/
// install-npm-tools.sh installs them into a folder named by MCP_NPM_DIR
// (by default _scratch/npm in the source tree). When they are missing the
// tests are skipped (exit 77), unless MCP_REQUIRE_INTEROP=1 demands them.
//
// Set MCP_INTEROP_TRACE=FILE to log every line exchanged with every server
// process (including the v2 client's probe process) to FILE.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const EXIT_SKIP = 77;

const here = path.dirname(fileURLToPath(import.meta.url));
export const srcRoot = path.resolve(here, '..', '..');
export const npmDir = path.resolve(process.env.MCP_NPM_DIR || path.join(srcRoot, '_scratch', 'npm'));

let failures = 0;
let checks = 0;

export function log (...args) {
  console.log(`[${elapsed()}]`, ...args);
}

const started = Date.now();
function elapsed () {
  return `${String(Date.now() - started).padStart(5)} ms`;
}

/* Stops the test at once, with exit code 1. */
export function die (message) {
  console.log(`FATAL: ${message}`);
  process.exit(1);
}

/* Skips the test (exit 77), or fails it when MCP_REQUIRE_INTEROP=1. */
export function skip (message) {
  if (process.env.MCP_REQUIRE_INTEROP === '1') {
    console.log(`FATAL: ${message} (MCP_REQUIRE_INTEROP=1, so this is a failure; run build-aux/install-npm-tools.sh ${npmDir})`);
    process.exit(1);
  }
  console.log(`SKIP: ${message} (run build-aux/install-npm-tools.sh ${npmDir}, or set MCP_NPM_DIR)`);
  process.exit(EXIT_SKIP);
}

/* A record of one passing or failing check; a failure does not stop the
 * test, so that one run shows everything that is wrong. */
export function check (ok, what, detail) {
  checks++;
  if (ok) {
    log(`ok   ${what}`);
  } else {
    failures++;
    log(`FAIL ${what}${detail !== undefined ? `: ${detail}` : ''}`);
  }
  return ok;
}

export function equal (actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  return check(a === e, what, `expected ${e}, got ${a}`);
}

/* Runs one named step; an exception fails it (and the test) but the
 * following steps still run. */
export async function step (name, fn) {
  log(`---- ${name}`);
  try {
    return await fn();
  } catch (error) {
    failures++;
    checks++;
    log(`FAIL ${name}: threw ${describeError(error)}`);
    if (process.env.MCP_INTEROP_DEBUG && error?.stack)
      console.log(error.stack);
    return undefined;
  }
}

export function describeError (error) {
  if (error === undefined || error === null)
    return String(error);
  const name = error.constructor?.name ?? typeof error;
  const code = error.code !== undefined ? ` code=${JSON.stringify(error.code)}` : '';
  const data = error.data !== undefined ? ` data=${short(error.data)}` : '';
  return `${name}${code}: ${error.message ?? String(error)}${data}`;
}

export function short (value, max = 400) {
  let s;
  try {
    s = JSON.stringify(value);
  } catch {
    s = String(value);
  }
  if (s === undefined)
    s = String(value);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/* Ends the test: exit 0 when every check passed, 1 otherwise. */
export function finish () {
  if (failures === 0 && checks > 0) {
    log(`PASS: ${checks} checks`);
    process.exit(0);
  }
  log(`FAILED: ${failures} of ${checks} checks failed`);
  process.exit(1);
}

/* The server binary, from the command line. */
export function serverFromArgv () {
  const server = process.argv[2];
  if (!server)
    die(`usage: node ${path.basename(process.argv[1])} SERVER-BINARY [ARGS...]`);
  if (!fs.existsSync(server))
    die(`the server ${server} does not exist`);
  return { command: path.resolve(server), args: process.argv.slice(3) };
}

/* How to spawn the server: directly, or through stdio-tap.mjs when
 * MCP_INTEROP_TRACE is set. */
export function serverParams (server, label) {
  const trace = process.env.MCP_INTEROP_TRACE;
  if (!trace)
    return { command: server.command, args: server.args };
  return {
    command: process.execPath,
    args: [path.join(here, 'stdio-tap.mjs'), path.resolve(trace), label, server.command, ...server.args],
  };
}

/* Resolves an ES module of a package in MCP_NPM_DIR/node_modules through
 * the package's "exports" map (the "import" condition), as Node would if
 * the package were installed next to this script. */
function resolveExport (pkgName, subpath) {
  const pkgDir = path.join(npmDir, 'node_modules', ...pkgName.split('/'));
  const manifestPath = path.join(pkgDir, 'package.json');
  if (!fs.existsSync(manifestPath))
    return null;
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const key = subpath ? `./${subpath}` : '.';
  const exportsMap = manifest.exports;
  let target;

  const pick = (entry) => {
    if (typeof entry === 'string')
      return entry;
    if (entry && typeof entry === 'object') {
      for (const condition of ['import', 'node', 'default']) {
        if (condition in entry) {
          const found = pick(entry[condition]);
          if (found)
            return found;
        }
      }
    }
    return undefined;
  };

  if (exportsMap === undefined) {
    target = subpath ? `./${subpath}` : (manifest.module ?? manifest.main ?? './index.js');
  } else if (typeof exportsMap === 'string' || !Object.keys(exportsMap).some((k) => k.startsWith('.'))) {
    target = key === '.' ? pick(exportsMap) : undefined;
  } else if (key in exportsMap) {
    target = pick(exportsMap[key]);
  } else {
    for (const [pattern, entry] of Object.entries(exportsMap)) {
      const star = pattern.indexOf('*');
      if (star < 0)
        continue;
      const prefix = pattern.slice(0, star);
      const suffix = pattern.slice(star + 1);
      if (key.startsWith(prefix) && key.endsWith(suffix) && key.length >= prefix.length + suffix.length) {
        const middle = key.slice(prefix.length, key.length - suffix.length);
        const found = pick(entry);
        if (found) {
          target = found.replaceAll('*', middle);
          break;
        }
      }
    }
  }
  if (!target)
    throw new Error(`${pkgName} does not export ${key}`);
  return path.join(pkgDir, target);
}

/* Imports SPECIFIER ("@scope/pkg/sub/path") from MCP_NPM_DIR, skipping the
 * test when the package is not installed there. VERSION, when given, must
 * be the installed version. */
export async function importFromNpmDir (pkgName, subpath, version) {
  const file = resolveExport(pkgName, subpath);
  if (!file)
    skip(`${pkgName} is not installed in ${npmDir}/node_modules`);
  if (version) {
    const manifest = JSON.parse(fs.readFileSync(
      path.join(npmDir, 'node_modules', ...pkgName.split('/'), 'package.json'), 'utf8'));
    if (manifest.version !== version)
      skip(`${pkgName} ${version} is needed, ${npmDir}/node_modules has ${manifest.version}`);
  }
  if (!fs.existsSync(file))
    die(`${pkgName}: ${file} is missing (a broken install? rerun build-aux/install-npm-tools.sh ${npmDir})`);
  return import(pathToFileURL(file).href);
}

/* Watches the server process a StdioClientTransport spawned, so that its
 * exit status can be checked after close(). The transport keeps the
 * ChildProcess in the (private) _process field, in both SDKs. */
export function watchProcess (transport) {
  const child = transport._process;
  if (!child || typeof child.once !== 'function')
    die('cannot reach the server process of the StdioClientTransport (SDK internals changed?)');
  const state = { pid: child.pid, code: child.exitCode, signal: child.signalCode, exitedAt: null };
  state.exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      state.exitedAt = Date.now();
      resolve(state);
      return;
    }
    child.once('exit', (code, signal) => {
      state.code = code;
      state.signal = signal;
      state.exitedAt = Date.now();
      resolve(state);
    });
  });
  return state;
}

/* Closes the client and checks that the server exited by itself, with
 * status 0, once its standard input was closed (the SDKs send SIGTERM if
 * it has not exited after 2 s). */
export async function closeAndCheckExit (client, processState, label) {
  const closing = Date.now();
  await client.close();
  const state = await Promise.race([
    processState.exited,
    new Promise((resolve) => setTimeout(() => resolve(null), 5000).unref()),
  ]);
  if (!check(state !== null, `${label}: the server process exited after close()`))
    return;
  const took = state.exitedAt - closing;
  check(state.signal === null && state.code === 0,
        `${label}: the server exited with status 0 (in ${took} ms)`,
        `exit code ${state.code}, signal ${state.signal}`);
  check(took < 2000, `${label}: the server exited on end of input, without needing SIGTERM`,
        `it took ${took} ms`);
}

/* Text of the first content item of a tool result. */
export function firstText (result) {
  const item = result?.content?.[0];
  return item?.type === 'text' ? item.text : undefined;
}

export function allText (result) {
  return (result?.content ?? []).filter((c) => c?.type === 'text').map((c) => c.text).join('\n');
}

export function sleep (ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/* Never let a stray promise rejection or exception end the test silently. */
process.on('unhandledRejection', (reason) => {
  die(`unhandled rejection: ${describeError(reason)}`);
});
process.on('uncaughtException', (error) => {
  die(`uncaught exception: ${describeError(error)}`);
});
