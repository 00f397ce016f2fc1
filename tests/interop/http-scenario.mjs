// http-scenario.mjs — the feature server over Streamable HTTP, driven by an
// SDK client
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The server runs as `SERVER --http 127.0.0.1:0` and prints its endpoint's
// URL; the same checks run with the v1 and the v2 TypeScript clients, in
// whichever era they negotiate: list, call with progress, read, a change
// notification, elicitation, cancellation.

import { spawn } from 'node:child_process';
import readline from 'node:readline';

import { check, describeError, equal, firstText, log, short, sleep, step } from './common.mjs';

export const REQUEST_TIMEOUT = 10000;

/* Starts the server on a free loopback port; resolves to {url, child}. */
export async function startHttpServer (server, label) {
  const child = spawn(server.command, [...server.args, '--http', '127.0.0.1:0'],
                      { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const lines = readline.createInterface({ input: child.stdout });
  const url = await Promise.race([
    new Promise((resolve) => lines.once('line', resolve)),
    exited.then((status) => { throw new Error(`the server exited at start: ${short(status)}`); }),
    sleep(5000).then(() => { throw new Error('the server printed no URL in 5 s'); }),
  ]);
  lines.close();
  log(`${label}: the server listens at ${url}`);
  return { url: new URL(url), child, exited };
}

/* SIGTERM, then the server must exit by itself with status 0. */
export async function stopHttpServer (handle, label) {
  handle.child.kill('SIGTERM');
  const status = await Promise.race([handle.exited, sleep(5000).then(() => null)]);
  if (!check(status !== null, `${label}: the server exited on SIGTERM`)) {
    handle.child.kill('SIGKILL');
    return;
  }
  check(status.code === 0 && status.signal === null, `${label}: the server exited with status 0`,
        short(status));
}

/* client: connected, with an elicitation handler that accepts with
 *   {confirm: true};
 * callTool (params, options): the SDK's callTool with options;
 * changed: a promise that resolves with a description of the change
 *   notification the client received once a note was added (a tools list
 *   change, or an update of notes://index);
 * abortCheck (error, reason): whether @error is the SDK's abort error. */
export async function runHttpScenario ({ client, callTool: sdkCallTool, label, changed, abortCheck }) {
  const L = (text) => `${label}: ${text}`;
  const callTool = (params, options = {}) => sdkCallTool(params, { timeout: REQUEST_TIMEOUT, ...options });

  await step(L('tools/list'), async () => {
    const result = await client.listTools(undefined, { timeout: REQUEST_TIMEOUT });
    const names = (result?.tools ?? []).map((t) => t.name);
    for (const name of ['add_note', 'list_notes', 'count_words', 'confirm_clear'])
      check(names.includes(name), L(`${name} is listed`), short(names));
  });

  await step(L('add_note, and the change it announces'), async () => {
    const result = await callTool({ name: 'add_note', arguments: { text: 'hello from http' } });
    check(!result.isError, L('add_note: not an error'), short(result));
    equal(result.structuredContent, { id: 1, uri: 'notes://note/1' }, L('add_note gives id 1'));
    const what = await Promise.race([changed, sleep(3000).then(() => null)]);
    check(what !== null, L(`a change notification arrived (${what})`), 'none in 3 s');
  });

  await step(L('count_words with progress'), async () => {
    const seen = [];
    const result = await callTool({ name: 'count_words', arguments: { text: 'one two three four' } },
                                  { onprogress: (p) => seen.push(p) });
    equal(firstText(result), '4 words', L('count_words gives "4 words"'));
    check(seen.length >= 1, L(`progress notifications arrived before the result (${seen.length})`),
          short(seen));
    check(seen.every((p, i) => i === 0 || p.progress >= seen[i - 1].progress),
          L('progress never goes back'), short(seen));
  });

  await step(L('resources/read notes://index'), async () => {
    const result = await client.readResource({ uri: 'notes://index' }, { timeout: REQUEST_TIMEOUT });
    const text = result?.contents?.[0]?.text ?? '';
    check(text.includes('hello from http'), L('the index lists the note'), short(result));
  });

  await step(L('elicitation (confirm_clear)'), async () => {
    const result = await callTool({ name: 'confirm_clear', arguments: {} });
    equal(firstText(result), 'All notes were cleared', L('the user confirmed, the notes are cleared'));
  });

  await step(L('cancellation'), async () => {
    const controller = new AbortController();
    const reason = 'interop http abort 51c2';
    const timer = setTimeout(() => controller.abort(reason), 100);
    const t0 = Date.now();
    let result;
    let error;
    try {
      result = await callTool({ name: 'archive', arguments: { ms: 5000 } }, { signal: controller.signal });
    } catch (e) {
      error = e;
    }
    clearTimeout(timer);
    if (check(error !== undefined, L('an aborted call rejects'), `it resolved: ${short(result)}`))
      check(abortCheck(error, reason), L(`with the abort error (${describeError(error)})`),
            describeError(error));
    check(Date.now() - t0 < 2000, L('promptly'), `${Date.now() - t0} ms`);
    const after = await callTool({ name: 'list_notes', arguments: {} });
    check(Array.isArray(after?.structuredContent?.notes), L('the server still answers afterwards'),
          short(after));
  });
}
