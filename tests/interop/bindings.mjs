// bindings.mjs — MCP servers written in Python and JavaScript (with the
// project's PyGObject and GJS overrides), driven by the official
// TypeScript SDK clients over real pipes or over Streamable HTTP
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node bindings.mjs stdio|http LANGUAGE COMMAND [ARGS...]
//
// COMMAND ARGS is tests/bindings/server.py (or server.js) run by its
// interpreter. Over stdio the v2 client (@modelcontextprotocol/client
// 2.4.0, probing: the 2026-07-28 era) and the v1 client
// (@modelcontextprotocol/sdk 1.32.2: 2025-11-25, initialize) each start the
// server; over HTTP the server runs with --http 127.0.0.1:0 and both
// clients connect to it. Each checks the tools' schemas, sync and async
// tools, a provider subclass, errors raised in the language (isError with
// the message), and twenty concurrent 100 ms calls, which must take less
// than 300 ms (the best of three tries; every figure is printed).
//
// Exit status: 0 passed, 1 failed, 77 skipped.

import {
  check, closeAndCheckExit, describeError, equal, finish, firstText, importFromNpmDir, log,
  short, step, watchProcess,
} from './common.mjs';
import { startHttpServer, stopHttpServer } from './http-scenario.mjs';

const REQUEST_TIMEOUT = 10000;
const CONCURRENT_CALLS = 20;
const CALL_MS = 100;
const WITHIN_MS = 300;

const [transportName, language, command, ...commandArgs] = process.argv.slice(2);
if (!['stdio', 'http'].includes(transportName) || !language || !command) {
  console.log('usage: node bindings.mjs stdio|http LANGUAGE COMMAND [ARGS...]');
  process.exit(1);
}
const server = { command, args: commandArgs };
const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => typeof v === 'string'));

const v2 = await importFromNpmDir('@modelcontextprotocol/client', '', '2.4.0');
const v2stdio = await importFromNpmDir('@modelcontextprotocol/client', 'stdio', '2.4.0');
const v1 = await importFromNpmDir('@modelcontextprotocol/sdk', 'client/index.js', '1.32.2');
const v1stdio = await importFromNpmDir('@modelcontextprotocol/sdk', 'client/stdio.js', '1.32.2');
const v1http = await importFromNpmDir('@modelcontextprotocol/sdk', 'client/streamableHttp.js', '1.32.2');

const timings = [];

async function scenario (label, client, callTool) {
  const L = (text) => `${label}: ${text}`;
  const call = (name, args) => callTool({ name, arguments: args }, { timeout: REQUEST_TIMEOUT });

  await step(L('tools/list and the schemas'), async () => {
    const { tools } = await client.listTools(undefined, { timeout: REQUEST_TIMEOUT });
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    equal(Object.keys(byName).sort(),
          ['add', 'describe', 'fail', 'fail_later', 'find', 'get_books', 'nap', 'set_books', 'shelve'],
          L('the tools of the functions, of the provider and of its property'));
    equal(byName.add?.inputSchema, {
      type: 'object',
      properties: {
        a: { type: 'integer', description: 'the first integer' },
        b: { type: 'integer', description: 'the second integer', default: 0 },
      },
      required: ['a'],
      additionalProperties: false,
    }, L('add: the input schema'));
    equal(byName.add?.description, 'Adds two integers.', L('add: the description'));
    equal(byName.add?.annotations?.readOnlyHint, true, L('add: read-only'));
    equal(byName.describe?.outputSchema?.type, 'object', L('describe: an output schema'));
    equal(byName.find?.outputSchema?.properties?.result?.type, 'array',
          L('find: an array result has a wrapped output schema'));
  });

  await step(L('a synchronous tool'), async () => {
    equal(firstText(await call('add', { a: 2, b: 3 })), '5', L('add 2 3 is 5'));
  });

  await step(L('an asynchronous tool'), async () => {
    const started = Date.now();
    const result = await call('nap', { ms: 50 });
    equal(firstText(result), 'slept 50 ms', L('nap answers'));
    check(Date.now() - started >= 45, L('after the sleep'), Date.now() - started);
  });

  await step(L('structured content'), async () => {
    const result = await call('describe', { name: 'x', tags: ['a', 'b'] });
    equal(result.structuredContent, { name: 'x', tags: ['a', 'b'], language },
          L('describe gives structured content'));
  });

  await step(L('errors raised in the language'), async () => {
    let result = await call('fail', { message: `raised in ${language}` });
    check(result.isError === true, L('fail: isError'), short(result));
    equal(firstText(result), `raised in ${language}`, L('fail: the message'));
    result = await call('fail_later', { message: 'later' });
    check(result.isError === true && firstText(result) === 'later',
          L('fail_later: isError with the message, from async code'), short(result));
    try {
      result = await call('add', { a: 'two' });
      check(result.isError === true && /Invalid argument “a”/.test(firstText(result)),
            L('a wrong argument: a tool error naming it'), short(result));
    } catch (error) {
      check(/Invalid argument “a”/.test(error.message), L('a wrong argument: an error naming it'),
            describeError(error));
    }
  });

  // One provider instance serves every client of a server: over HTTP both
  // clients see the same shelf, so the checks are relative.
  await step(L('a provider subclass'), async () => {
    const before = Number(firstText(await call('get_books', {})));
    const tag = label.replace(/\W/g, '');
    equal(firstText(await call('shelve', { title: `${tag} Dune` })), String(before + 1),
          L('shelve (sync method)'));
    await call('shelve', { title: `${tag} Dracula` });
    await call('shelve', { title: `${tag} Emma` });
    equal(firstText(await call('get_books', {})), String(before + 3),
          L('the property tool sees the method\'s change'));
    const found = await call('find', { prefix: `${tag} D` });
    equal(found.structuredContent, { result: [`${tag} Dune`, `${tag} Dracula`] },
          L('find (async method)'));
  });

  await step(L(`${CONCURRENT_CALLS} concurrent ${CALL_MS} ms calls`), async () => {
    const figures = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: CONCURRENT_CALLS },
        () => call('nap', { ms: CALL_MS })));
      const elapsed = performance.now() - started;
      figures.push(elapsed);
      check(results.every((r) => firstText(r) === `slept ${CALL_MS} ms`),
            L(`attempt ${attempt}: every call answered`), short(results[0]));
      log(`     ${language} ${transportName} ${label}: ${CONCURRENT_CALLS} concurrent ` +
          `${CALL_MS} ms calls took ${elapsed.toFixed(1)} ms`);
      if (elapsed < WITHIN_MS)
        break;
    }
    const best = Math.min(...figures);
    timings.push(`${language} ${transportName} ${label}: ${figures.map((f) => f.toFixed(1)).join(', ')} ms`);
    check(best < WITHIN_MS,
          L(`${CONCURRENT_CALLS} concurrent ${CALL_MS} ms calls within ${WITHIN_MS} ms (best ${best.toFixed(1)} ms)`),
          figures);
  });
}

async function stdioV2 () {
  const label = 'stdio-v2';
  const client = new v2.Client({ name: 'makemcp-bindings-v2', version: '1.0.0' },
                               { capabilities: {}, versionNegotiation: { mode: 'auto' } });
  const errors = [];
  client.onerror = (error) => errors.push(describeError(error));
  const transport = new v2stdio.StdioClientTransport({ ...server, env, stderr: 'inherit' });
  const connected = await step(`${label}: connect`, async () => {
    await client.connect(transport, { timeout: REQUEST_TIMEOUT });
    return true;
  });
  if (!connected)
    return;
  const processState = watchProcess(transport);
  equal(client.getProtocolEra(), 'modern', `${label}: the 2026-07-28 era`);
  equal(client.getServerVersion()?.name, `${language === 'python' ? 'python' : 'gjs'}-bindings`,
        `${label}: the server's name`);
  await scenario(label, client, (params, options) => client.callTool(params, options));
  await step(`${label}: close`, () => closeAndCheckExit(client, processState, label));
  check(errors.length === 0, `${label}: the client reported no errors`, short(errors));
}

async function stdioV1 () {
  const label = 'stdio-v1';
  const client = new v1.Client({ name: 'makemcp-bindings-v1', version: '1.0.0' }, { capabilities: {} });
  const errors = [];
  client.onerror = (error) => errors.push(describeError(error));
  const transport = new v1stdio.StdioClientTransport({ ...server, env, stderr: 'inherit' });
  const connected = await step(`${label}: connect`, async () => {
    await client.connect(transport, { timeout: REQUEST_TIMEOUT });
    return true;
  });
  if (!connected)
    return;
  const processState = watchProcess(transport);
  equal(client.getInstructions(), `A test server written in ${language === 'python' ? 'Python' : 'JavaScript'}`,
        `${label}: the instructions`);
  await scenario(label, client, (params, options) => client.callTool(params, undefined, options));
  await step(`${label}: close`, () => closeAndCheckExit(client, processState, label));
  check(errors.length === 0, `${label}: the client reported no errors`, short(errors));
}

async function http () {
  const handle = await startHttpServer(server, `${language}-http`);

  {
    const label = 'http-v2';
    const client = new v2.Client({ name: 'makemcp-bindings-v2', version: '1.0.0' },
                                 { capabilities: {}, versionNegotiation: { mode: 'auto' } });
    const transport = new v2.StreamableHTTPClientTransport(handle.url);
    const connected = await step(`${label}: connect`, async () => {
      await client.connect(transport, { timeout: REQUEST_TIMEOUT });
      return true;
    });
    if (connected) {
      equal(client.getProtocolEra(), 'modern', `${label}: the 2026-07-28 era`);
      await scenario(label, client, (params, options) => client.callTool(params, options));
      await client.close();
    }
  }

  {
    const label = 'http-v1';
    const client = new v1.Client({ name: 'makemcp-bindings-v1', version: '1.0.0' }, { capabilities: {} });
    const transport = new v1http.StreamableHTTPClientTransport(handle.url);
    const connected = await step(`${label}: connect`, async () => {
      await client.connect(transport, { timeout: REQUEST_TIMEOUT });
      return true;
    });
    if (connected) {
      check(typeof transport.sessionId === 'string', `${label}: a legacy session`, transport.sessionId);
      await scenario(label, client, (params, options) => client.callTool(params, undefined, options));
      await transport.terminateSession().catch(() => {});
      await client.close();
    }
  }

  await step(`${language}-http: stop`, () => stopHttpServer(handle, `${language}-http`));
}

log(`==== ${language} over ${transportName}: ${command} ${commandArgs.join(' ')}`);
if (transportName === 'stdio') {
  await stdioV2();
  await stdioV1();
} else {
  await http();
}
for (const line of timings)
  log(`timing: ${line}`);
finish();
