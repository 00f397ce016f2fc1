// http-v2.mjs — the official TypeScript SDK v2 client over Streamable HTTP
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node http-v2.mjs SERVER-BINARY [ARGS...]
//
// Starts the feature server with --http and connects with
// @modelcontextprotocol/client 2.4.0 three times: probing first
// (versionNegotiation auto: server/discover, then the stateless 2026-07-28
// wire), pinned to 2026-07-28, and in its default legacy mode (initialize
// and a session). Each runs http-scenario.mjs, with a tools list change as
// the change to wait for (subscriptions/listen in the modern era, the GET
// stream in the legacy one).
//
// Exit status: 0 passed, 1 failed, 77 skipped.

import {
  check, describeError, equal, finish, importFromNpmDir, log, serverFromArgv, short, step,
} from './common.mjs';
import { REQUEST_TIMEOUT, runHttpScenario, startHttpServer, stopHttpServer } from './http-scenario.mjs';

const server = serverFromArgv();
const { Client, StreamableHTTPClientTransport } =
  await importFromNpmDir('@modelcontextprotocol/client', '', '2.4.0');

async function session (label, versionNegotiation, era) {
  log(`==== ${label}: v2 client, versionNegotiation ${JSON.stringify(versionNegotiation)}`);
  const handle = await startHttpServer(server, label);
  const clientErrors = [];

  let announce;
  const changed = new Promise((resolve) => { announce = resolve; });
  const client = new Client({ name: 'makemcp-interop-v2', version: '1.0.0' }, {
    capabilities: { elicitation: { form: {} } },
    versionNegotiation,
    listChanged: {
      tools: {
        onChanged: (error, tools) => {
          if (!error && tools?.some((t) => t.name === 'delete_note'))
            announce('notifications/tools/list_changed (delete_note appeared)');
        },
      },
    },
  });
  // What our own close() aborts (a cancellation notification still on its
  // way, under load) is the client's doing, not a server failure.
  let closing = false;
  client.onerror = (error) => {
    const text = describeError(error);
    log(`     (client onerror: ${text})`);
    if (!(closing && /abort/i.test(text)))
      clientErrors.push(text);
  };
  client.setRequestHandler('elicitation/create', async (request) => {
    log(`     (elicitation: ${short(request.params?.message)})`);
    return { action: 'accept', content: { confirm: true } };
  });

  const transport = new StreamableHTTPClientTransport(handle.url);
  const connected = await step(`${label}: connect`, async () => {
    await client.connect(transport, { timeout: REQUEST_TIMEOUT });
    return true;
  });

  if (connected) {
    await step(`${label}: negotiated version`, async () => {
      equal(client.getProtocolEra(), era, `${label}: the era is ${era}`);
      equal(client.getNegotiatedProtocolVersion(), era === 'modern' ? '2026-07-28' : '2025-11-25',
            `${label}: the version`);
      if (era === 'modern')
        check(transport.sessionId === undefined, `${label}: no session id`, transport.sessionId);
      else
        check(typeof transport.sessionId === 'string', `${label}: a session id`, transport.sessionId);
    });

    await runHttpScenario({
      client,
      label,
      changed,
      callTool: (params, options) => client.callTool(params, options),
      abortCheck: (error, reason) => String(error?.message ?? error).includes(reason),
    });

    await step(`${label}: close`, async () => {
      closing = true;
      await client.close();
    });
  }

  check(clientErrors.length === 0, `${label}: the client reported no errors`, short(clientErrors));
  await stopHttpServer(handle, label);
}

await session('v2-http-auto', { mode: 'auto' }, 'modern');
await session('v2-http-pin', { mode: { pin: '2026-07-28' } }, 'modern');
await session('v2-http-legacy', undefined, 'legacy');
finish();
