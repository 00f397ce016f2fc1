// http-v1.mjs — the official TypeScript SDK v1 client over Streamable HTTP
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node http-v1.mjs SERVER-BINARY [ARGS...]
//
// Starts the feature server with --http, connects with
// @modelcontextprotocol/sdk 1.32.2 (legacy: initialize, a session, the GET
// stream), runs http-scenario.mjs with a resource subscription as the
// change to wait for, then ends the session with DELETE and checks that it
// is gone.
//
// Exit status: 0 passed, 1 failed, 77 skipped.

import {
  check, describeError, equal, finish, importFromNpmDir, log, serverFromArgv, short, step,
} from './common.mjs';
import { REQUEST_TIMEOUT, runHttpScenario, startHttpServer, stopHttpServer } from './http-scenario.mjs';

const server = serverFromArgv();
const { Client } = await importFromNpmDir('@modelcontextprotocol/sdk', 'client/index.js', '1.32.2');
const { StreamableHTTPClientTransport } =
  await importFromNpmDir('@modelcontextprotocol/sdk', 'client/streamableHttp.js', '1.32.2');
const { ElicitRequestSchema, ResourceUpdatedNotificationSchema } =
  await importFromNpmDir('@modelcontextprotocol/sdk', 'types.js', '1.32.2');

const label = 'v1-http';
const handle = await startHttpServer(server, label);
const clientErrors = [];
const client = new Client({ name: 'makemcp-interop-v1', version: '1.0.0' },
                          { capabilities: { elicitation: {} } });
client.onerror = (error) => {
  clientErrors.push(describeError(error));
  log(`     (client onerror: ${describeError(error)})`);
};
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  log(`     (elicitation: ${short(request.params?.message)})`);
  return { action: 'accept', content: { confirm: true } };
});

let announce;
const changed = new Promise((resolve) => { announce = resolve; });
client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
  announce(`notifications/resources/updated ${notification.params?.uri}`);
});

const transport = new StreamableHTTPClientTransport(handle.url);
const connected = await step(`${label}: connect`, async () => {
  await client.connect(transport, { timeout: REQUEST_TIMEOUT });
  return true;
});

if (connected) {
  await step(`${label}: the session`, async () => {
    check(typeof transport.sessionId === 'string' && /^[\x21-\x7e]+$/.test(transport.sessionId),
          `${label}: a session id of visible ASCII (${transport.sessionId})`);
    equal(transport.protocolVersion, '2025-11-25', `${label}: the version is 2025-11-25`);
  });

  await step(`${label}: resources/subscribe notes://index`, async () => {
    const result = await client.subscribeResource({ uri: 'notes://index' }, { timeout: REQUEST_TIMEOUT });
    check(result !== undefined, `${label}: subscribed`, short(result));
  });

  await runHttpScenario({
    client,
    label,
    changed,
    callTool: (params, options) => client.callTool(params, undefined, options),
    abortCheck: (error, reason) => String(error?.message ?? error).includes(reason) ||
                                   error?.name === 'AbortError' || error?.code === -32001,
  });

  await step(`${label}: DELETE ends the session`, async () => {
    const id = transport.sessionId;
    await transport.terminateSession();
    const response = await fetch(handle.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream',
                 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'tools/list' }),
    });
    equal(response.status, 404, `${label}: the ended session gets 404`);
  });

  await step(`${label}: close`, async () => {
    await client.close();
  });
}

check(clientErrors.length === 0, `${label}: the client reported no errors`, short(clientErrors));
await stopHttpServer(handle, label);
finish();
