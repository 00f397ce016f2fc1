// stdio-v2.mjs — the official TypeScript SDK v2 client against a server
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node stdio-v2.mjs SERVER-BINARY [ARGS...]
//
// Connects with @modelcontextprotocol/client 2.4.0 over stdio twice: once
// with versionNegotiation {mode: 'auto'} (a server/discover probe in a
// throw-away server process, then the modern session) and once pinned to
// 2026-07-28. Both must reach the modern era; each runs the tool checks of
// tools-scenario.mjs, then closes and checks the server exited with status 0.
//
// Exit status: 0 passed, 1 failed, 77 skipped (modules not in MCP_NPM_DIR,
// and MCP_REQUIRE_INTEROP is not 1).

import {
  check, closeAndCheckExit, describeError, equal, finish, importFromNpmDir, log,
  serverFromArgv, serverParams, short, step, watchProcess,
} from './common.mjs';
import { REQUEST_TIMEOUT, runToolScenario } from './tools-scenario.mjs';

const server = serverFromArgv();
const { Client } = await importFromNpmDir('@modelcontextprotocol/client', '', '2.4.0');
const { StdioClientTransport } = await importFromNpmDir('@modelcontextprotocol/client', 'stdio', '2.4.0');

async function session (label, versionNegotiation) {
  log(`==== ${label}: v2 client, versionNegotiation ${JSON.stringify(versionNegotiation)}`);
  const clientErrors = [];
  const client = new Client({ name: 'makemcp-interop-v2', version: '1.0.0' },
                            { capabilities: {}, versionNegotiation });
  client.onerror = (error) => {
    clientErrors.push(describeError(error));
    log(`     (client onerror: ${describeError(error)})`);
  };
  const transport = new StdioClientTransport({ ...serverParams(server, label), stderr: 'inherit' });

  const connected = await step(`${label}: connect`, async () => {
    await client.connect(transport, { timeout: REQUEST_TIMEOUT });
    return true;
  });
  if (!connected)
    return;
  const processState = watchProcess(transport);

  await step(`${label}: negotiated version`, async () => {
    equal(client.getProtocolEra(), 'modern', `${label}: the era is modern`);
    equal(client.getNegotiatedProtocolVersion(), '2026-07-28', `${label}: the version is 2026-07-28`);
    const info = client.getServerVersion();
    check(typeof info?.name === 'string' && info.name.length > 0,
          `${label}: serverInfo is known (${short(info)})`, short(info));
    check(client.getServerCapabilities()?.tools !== undefined,
          `${label}: the server advertises tools`, short(client.getServerCapabilities()));
  });

  await runToolScenario({
    client,
    label,
    abortErrorCode: 'REQUEST_TIMEOUT', // SdkError, with the abort reason
    callTool: (params, options) => client.callTool(params, options),
  });

  await step(`${label}: close`, async () => {
    await closeAndCheckExit(client, processState, label);
  });
  check(clientErrors.length === 0, `${label}: the client reported no errors`, short(clientErrors));
}

await session('v2-auto', { mode: 'auto' });
await session('v2-pin', { mode: { pin: '2026-07-28' } });
finish();
