// peer-common.mjs — what the TypeScript peer servers of the benchmarks share
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The SDKs are not in the source tree: build-aux/install-npm-tools.sh puts
// them in a folder (MCP_NPM_DIR, by default _scratch/npm in the source
// tree), and an ES module cannot import a bare name from a folder that is
// not one of its parents. importFromNpmDir() resolves a package's "import"
// export by hand and imports the file.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const npmDir = process.env.MCP_NPM_DIR ?? path.join(here, '..', '_scratch', 'npm');

function pick (entry) {
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
}

function resolveExport (pkgName, subpath) {
  const pkgDir = path.join(npmDir, 'node_modules', ...pkgName.split('/'));
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const key = subpath ? `./${subpath}` : '.';
  const exportsMap = manifest.exports;
  let target;

  if (exportsMap === undefined) {
    target = subpath ? `./${subpath}` : (manifest.module ?? manifest.main ?? './index.js');
  } else if (typeof exportsMap === 'string') {
    target = key === '.' ? exportsMap : undefined;
  } else if (key in exportsMap) {
    target = pick(exportsMap[key]);
  } else {
    for (const [pattern, entry] of Object.entries(exportsMap)) {
      const star = pattern.indexOf('*');
      if (star < 0)
        continue;
      const prefix = pattern.slice(0, star);
      const suffix = pattern.slice(star + 1);
      if (key.startsWith(prefix) && key.endsWith(suffix)) {
        const found = pick(entry);
        if (found)
          target = found.replace('*', key.slice(prefix.length, key.length - suffix.length));
        break;
      }
    }
  }
  if (!target)
    throw new Error(`${pkgName}: no export for ${key} in ${pkgDir}`);
  return path.join(pkgDir, target);
}

export async function importFromNpmDir (pkgName, subpath = '', version = undefined) {
  if (version) {
    const manifest = JSON.parse(fs.readFileSync(
      path.join(npmDir, 'node_modules', ...pkgName.split('/'), 'package.json'), 'utf8'));
    if (manifest.version !== version)
      throw new Error(`${pkgName} ${version} is needed, ${npmDir} has ${manifest.version}`);
  }
  return import(pathToFileURL(resolveExport(pkgName, subpath)).href);
}

// --tools N: how many extra tools to register (tool-00001 …), for the
// tools/list benchmark.
export function parseArgs (argv) {
  const options = { tools: 0 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tools' && i + 1 < argv.length)
      options.tools = Number.parseInt(argv[++i], 10);
    else if (argv[i].startsWith('--tools='))
      options.tools = Number.parseInt(argv[i].slice('--tools='.length), 10);
    else
      throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(options.tools) || options.tools < 0)
    throw new Error('--tools wants a number');
  return options;
}

export function extraToolName (i) {
  return `tool-${String(i).padStart(5, '0')}`;
}

export const SLEEP_MAX_MS = 600000;
export const CONFIRM_SCHEMA = {
  type: 'object',
  properties: { confirm: { type: 'boolean', title: 'Go ahead' } },
  required: ['confirm'],
};
