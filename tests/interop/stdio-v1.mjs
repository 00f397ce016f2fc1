// stdio-v1.mjs — the official TypeScript SDK v1 client against a server
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node stdio-v1.mjs SERVER-BINARY [ARGS...]
//
// Connects with @modelcontextprotocol/sdk 1.32.2 over stdio (initialize,
// protocol version 2025-11-25), runs the tool checks of tools-scenario.mjs
// (this client also validates structuredContent against the tool's
// outputSchema), then closes and checks the server exited with status 0.
//
// Exit status: 0 passed, 1 failed, 77 skipped (modules not in MCP_NPM_DIR,
// and MCP_REQUIRE_INTEROP is not 1).

import {
  check, closeAndCheckExit, describeError, equal, finish, importFromNpmDir, log,
  serverFromArgv, serverParams, short, step, watchProcess,
} from './common.mjs';
import { REQUEST_TIMEOUT, runToolScenario } from './tools-scenario.mjs';

const server = serverFromArgv();
const { Client } = await importFromNpmDir('@modelcontextprotocol/sdk', 'client/index.js', '1.32.2');
const { StdioClientTransport } = await importFromNpmDir('@modelcontextprotocol/sdk', 'client/stdio.js', '1.32.2');

const label = 'v1';
log(`==== ${label}: v1 client`);
const clientErrors = [];
const client = new Client({ name: 'makemcp-interop-v1', version: '1.0.0' }, { capabilities: {} });
client.onerror = (error) => {
  clientErrors.push(describeError(error));
  log(`     (client onerror: ${describeError(error)})`);
};
const transport = new StdioClientTransport({ ...serverParams(server, label), stderr: 'inherit' });
// The v1 Client does not expose the negotiated version, but hands it to
// the transport's optional setProtocolVersion() (meant for HTTP).
let negotiatedVersion;
transport.setProtocolVersion = (version) => {
  negotiatedVersion = version;
};

const connected = await step(`${label}: connect`, async () => {
  await client.connect(transport, { timeout: REQUEST_TIMEOUT });
  return true;
});
if (!connected)
  finish();
const processState = watchProcess(transport);

await step(`${label}: negotiated version`, async () => {
  equal(negotiatedVersion, '2025-11-25', `${label}: the version is 2025-11-25`);
  const info = client.getServerVersion();
  check(typeof info?.name === 'string' && info.name.length > 0,
        `${label}: serverInfo is known (${short(info)})`, short(info));
  check(client.getServerCapabilities()?.tools !== undefined,
        `${label}: the server advertises tools`, short(client.getServerCapabilities()));
});

await runToolScenario({
  client,
  label,
  abortErrorCode: -32001, // McpError RequestTimeout, with the abort reason
  // v1: callTool(params, resultSchema, options)
  callTool: (params, options) => client.callTool(params, undefined, options),
});

await step(`${label}: close`, async () => {
  await closeAndCheckExit(client, processState, label);
});
check(clientErrors.length === 0, `${label}: the client reported no errors`, short(clientErrors));
finish();
