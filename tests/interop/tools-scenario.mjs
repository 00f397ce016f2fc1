// tools-scenario.mjs — the example server's tools, driven by an SDK client
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The same checks run with the v1 and the v2 TypeScript client; the caller
// passes how to call a tool with its SDK (the two signatures differ).

import { allText, check, describeError, equal, firstText, log, short, step } from './common.mjs';

export const REQUEST_TIMEOUT = 10000;

const ECHO_TEXT = 'héllo wörld — ĳ ß ∑ 日本語 🎉 "quotes" \\ back\tslash\nnew line \u0001';

/* client: a connected Client.
 * callTool (params, options): the SDK's callTool with per-request options
 * ({signal, onprogress, timeout}).
 * label: a prefix for the progress lines.
 * abortErrorCode: the code of the error the SDK rejects an aborted call
 * with. */
export async function runToolScenario ({ client, callTool: sdkCallTool, label, abortErrorCode }) {
  const L = (text) => `${label}: ${text}`;
  // A server that never answers fails a step in 10 s, not the SDK's 60 s.
  const callTool = (params, options = {}) => sdkCallTool(params, { timeout: REQUEST_TIMEOUT, ...options });

  await step(L('tools/list'), async () => {
    const result = await client.listTools(undefined, { timeout: REQUEST_TIMEOUT });
    const tools = result?.tools ?? [];
    const names = tools.map((t) => t.name).sort();
    equal(names, ['add', 'counter', 'echo', 'sleep'], L('the four tools are listed'));
    const add = tools.find((t) => t.name === 'add');
    check(add?.inputSchema?.type === 'object', L('add: inputSchema is an object schema'), short(add?.inputSchema));
    equal([...(add?.inputSchema?.required ?? [])].sort(), ['a', 'b'], L('add: inputSchema.required is [a, b]'));
    const counter = tools.find((t) => t.name === 'counter');
    check(counter?.outputSchema?.type === 'object', L('counter: has an outputSchema'), short(counter?.outputSchema));
  });

  await step(L('tools/call add(2, 3)'), async () => {
    const result = await callTool({ name: 'add', arguments: { a: 2, b: 3 } });
    check(!result.isError, L('add: not an error'), short(result));
    equal(firstText(result), '5', L('add(2, 3) gives "5"'));
  });

  await step(L('tools/call echo (non-ASCII)'), async () => {
    const result = await callTool({ name: 'echo', arguments: { text: ECHO_TEXT } });
    check(!result.isError, L('echo: not an error'), short(result));
    equal(firstText(result), ECHO_TEXT, L('echo gives back the same text'));
  });

  await step(L('tools/call counter twice'), async () => {
    const first = await callTool({ name: 'counter', arguments: {} });
    equal(first.structuredContent, { count: 1 }, L('counter: first call gives structuredContent {count: 1}'));
    const second = await callTool({ name: 'counter', arguments: {} });
    equal(second.structuredContent, { count: 2 }, L('counter: second call gives structuredContent {count: 2}'));
    check(!first.isError && !second.isError, L('counter: not an error'), short([first, second]));
  });

  await step(L('tools/call sleep(50)'), async () => {
    const result = await callTool({ name: 'sleep', arguments: { ms: 50 } });
    equal(firstText(result), 'Slept 50 ms', L('sleep(50) gives "Slept 50 ms"'));
  });

  await step(L('20 concurrent sleep(100)'), async () => {
    // Run one after the other they would take 2 s; side by side, about 100 ms.
    const bound = 1500;
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () =>
      callTool({ name: 'sleep', arguments: { ms: 100 } })));
    const took = Date.now() - t0;
    const texts = results.map(firstText);
    check(texts.every((t) => t === 'Slept 100 ms'), L('all 20 give "Slept 100 ms"'), short(texts));
    check(took < bound, L(`all 20 resolved in ${took} ms (bound ${bound} ms: they ran concurrently)`),
          `took ${took} ms`);
  });

  await step(L('unknown tool'), async () => {
    let result;
    let error;
    try {
      result = await callTool({ name: 'no-such-tool', arguments: {} });
    } catch (e) {
      error = e;
    }
    if (check(error !== undefined, L('an unknown tool is a protocol error'), `got a result: ${short(result)}`)) {
      check(error.code === -32602, L(`the error code is -32602 (${describeError(error)})`),
            describeError(error));
    }
  });

  await step(L('add with a string argument'), async () => {
    let result;
    let error;
    try {
      result = await callTool({ name: 'add', arguments: { a: 'two', b: 3 } });
    } catch (e) {
      error = e;
    }
    if (!check(error === undefined, L('invalid arguments give a result, not a protocol error'), describeError(error)))
      return;
    check(result.isError === true, L('the result has isError: true'), short(result));
    const text = allText(result);
    check(/(^|[^A-Za-z0-9_])a([^A-Za-z0-9_]|$)/.test(text), L(`the error names the argument "a" (${short(text)})`),
          short(text));
  });

  await step(L('progress callback on sleep'), async () => {
    const seen = [];
    const result = await callTool({ name: 'sleep', arguments: { ms: 50 } },
                                  { onprogress: (p) => seen.push(p) });
    equal(firstText(result), 'Slept 50 ms', L('sleep(50) with onprogress gives "Slept 50 ms"'));
    log(`     (${seen.length} progress notifications received${seen.length ? `: ${short(seen)}` : ''})`);
  });

  await step(L('cancellation'), async () => {
    const controller = new AbortController();
    const t0 = Date.now();
    const reason = 'interop test abort 7f3a';
    const timer = setTimeout(() => controller.abort(reason), 100);
    let result;
    let error;
    try {
      result = await callTool({ name: 'sleep', arguments: { ms: 5000 } }, { signal: controller.signal });
    } catch (e) {
      error = e;
    }
    clearTimeout(timer);
    const took = Date.now() - t0;
    if (check(error !== undefined, L('an aborted call rejects'), `it resolved: ${short(result)}`)) {
      log(`     (the abort error: ${describeError(error)})`);
      check(controller.signal.aborted && error?.code === abortErrorCode &&
            String(error?.message).includes(reason),
            L(`it rejects with the client-side abort error (code ${JSON.stringify(abortErrorCode)}, the abort reason)`),
            describeError(error));
      check(took < 2000, L(`it rejected promptly (${took} ms after the call)`), `${took} ms`);
    }
    const t1 = Date.now();
    const after = await callTool({ name: 'add', arguments: { a: 40, b: 2 } });
    equal(firstText(after), '42', L('the server still answers add(40, 2) after the cancellation'));
    check(Date.now() - t1 < 2000, L('and answers it promptly'), `${Date.now() - t1} ms`);
  });
}
