// features-v1.mjs — the official TypeScript SDK v1 client against the
// feature server, legacy revisions
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node features-v1.mjs FEATURE-SERVER-BINARY [ARGS...]
//
// Connects with @modelcontextprotocol/sdk 1.32.2 over stdio (initialize,
// protocol version 2025-11-25), declaring elicitation, sampling and roots:
// the server asks for them with JSON-RPC requests of its own, which the
// client's request handlers answer. It subscribes to notes://index
// (resources/subscribe), listens for notifications/tools/list_changed,
// asks for log messages with logging/setLevel, and runs the checks of
// features-scenario.mjs (archive gives its result directly: this client
// does not support tasks). Then it unsubscribes, and checks no update comes
// any more; last, it closes and checks the server exited with status 0.
//
// Exit status: 0 passed, 1 failed, 77 skipped (modules not in MCP_NPM_DIR,
// and MCP_REQUIRE_INTEROP is not 1).

import {
  check, closeAndCheckExit, describeError, equal, finish, importFromNpmDir, log,
  serverFromArgv, serverParams, short, sleep, step, watchProcess,
} from './common.mjs';
import {
  REQUEST_TIMEOUT, checkNoGLibWarnings, makeEvents, makeInputs, runFeatureScenario, watchStderr,
} from './features-scenario.mjs';

const server = serverFromArgv();
const { Client } = await importFromNpmDir('@modelcontextprotocol/sdk', 'client/index.js', '1.32.2');
const { StdioClientTransport } = await importFromNpmDir('@modelcontextprotocol/sdk', 'client/stdio.js', '1.32.2');
const types = await importFromNpmDir('@modelcontextprotocol/sdk', 'types.js', '1.32.2');

const label = 'v1';
const L = (text) => `${label}: ${text}`;
log(`==== ${label}: v1 client`);

const clientErrors = [];
const inputs = makeInputs();
const events = makeEvents();
const client = new Client({ name: 'makemcp-interop-features-v1', version: '1.0.0' }, {
  capabilities: {
    elicitation: { form: {} },
    sampling: {},
    roots: { listChanged: true },
  },
});
client.onerror = (error) => {
  clientErrors.push(describeError(error));
  log(`     (client onerror: ${describeError(error)})`);
};
client.setRequestHandler(types.ElicitRequestSchema, async (request) => inputs.elicit(request.params));
client.setRequestHandler(types.CreateMessageRequestSchema, async (request) => inputs.sample(request.params));
client.setRequestHandler(types.ListRootsRequestSchema, async () => inputs.listRoots());
client.setNotificationHandler(types.LoggingMessageNotificationSchema, (notification) => {
  events.logs.push(notification.params);
});
client.setNotificationHandler(types.ResourceUpdatedNotificationSchema, (notification) => {
  events.resourceUpdates.push(notification.params.uri);
});
client.setNotificationHandler(types.ToolListChangedNotificationSchema, () => {
  events.toolsListChanged++;
});

const transport = new StdioClientTransport({ ...serverParams(server, label), stderr: 'pipe' });
const stderr = watchStderr(transport);
// The v1 Client does not expose the negotiated version, but hands it to
// the transport's optional setProtocolVersion() (meant for HTTP).
let negotiatedVersion;
transport.setProtocolVersion = (version) => {
  negotiatedVersion = version;
};

const connected = await step(L('connect'), async () => {
  await client.connect(transport, { timeout: REQUEST_TIMEOUT });
  return true;
});
if (!connected)
  finish();
const processState = watchProcess(transport);

await step(L('negotiated version and capabilities'), async () => {
  equal(negotiatedVersion, '2025-11-25', L('the version is 2025-11-25'));
  equal(client.getServerVersion()?.name, 'makemcp-glib-notes', L('the server is makemcp-glib-notes'));
  const caps = client.getServerCapabilities() ?? {};
  check(caps.tools?.listChanged === true && caps.resources?.subscribe === true &&
        caps.prompts !== undefined && caps.completions !== undefined && caps.logging !== undefined,
        L('the server advertises tools.listChanged, resources.subscribe, prompts, completions, logging'), short(caps));
});

const subscribed = await step(L('resources/subscribe notes://index'), async () => {
  const result = await client.subscribeResource({ uri: 'notes://index' }, { timeout: REQUEST_TIMEOUT });
  check(result !== undefined, L('resources/subscribe succeeded'), short(result));
  return true;
});

await runFeatureScenario({
  client,
  label,
  era: 'legacy',
  // v1: callTool(params, resultSchema, options)
  callTool: (params, options) => client.callTool(params, undefined, options),
  callToolLogging: async (level, params, options) => {
    await client.setLoggingLevel(level, { timeout: REQUEST_TIMEOUT });
    return client.callTool(params, undefined, options);
  },
  fresh: {},
  notFoundCode: -32002,
  inputs,
  events,
  expectResourceUpdates: subscribed === true,
});

await step(L('resources/unsubscribe notes://index'), async () => {
  await client.unsubscribeResource({ uri: 'notes://index' }, { timeout: REQUEST_TIMEOUT });
  const before = events.resourceUpdates.length;
  const result = await client.callTool({ name: 'add_note', arguments: { text: 'After unsubscribing' } }, undefined,
                                       { timeout: REQUEST_TIMEOUT });
  check(!result.isError, L('add_note after unsubscribing: not an error'), short(result));
  await sleep(300);
  equal(events.resourceUpdates.length, before, L('no notifications/resources/updated after resources/unsubscribe'));
});

await step(L('close'), async () => {
  await closeAndCheckExit(client, processState, label);
});
check(clientErrors.length === 0, L('the client reported no errors'), short(clientErrors));
checkNoGLibWarnings(stderr, label);
finish();
