// peer-v1.mjs — the benchmark tools on the official TypeScript SDK v1
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node peer-v1.mjs [--tools N] [--http PORT]
//
// @modelcontextprotocol/sdk 1.32.2, written the way its README shows:
// McpServer + registerTool with zod shapes, on StdioServerTransport, or
// with --http on StreamableHTTPServerTransport with stateful sessions (a
// McpServer and a transport per session, made when an initialize arrives
// without a session id, found again by Mcp-Session-Id; the README's
// example, on plain node:http rather than Express). It speaks the legacy
// (initialize) era only. Tools, as in bench-server.c:
//   add    {a, b} integers → the sum as text
//   sleep  {ms} → waits on a timer, "Slept MS ms"
//   ask    {} → asks the client to confirm (elicitation/create, a
//          server-to-client request), "Confirmed" or "Declined"
//   tool-00001 … tool-N  with --tools N, for the tools/list benchmark

import { randomUUID } from 'node:crypto';

import { CONFIRM_SCHEMA, SLEEP_MAX_MS, extraToolName, importFromNpmDir, listenHttp, parseArgs, readJsonBody } from './peer-common.mjs';

const options = parseArgs(process.argv.slice(2));
const { McpServer } = await importFromNpmDir('@modelcontextprotocol/sdk', 'server/mcp.js', '1.32.2');
const z = await importFromNpmDir('zod', 'v4');

function build () {
  const server = new McpServer({ name: 'ts-sdk-v1-bench', version: '1.32.2' },
                               { capabilities: { tools: { listChanged: true } } });

  server.registerTool('add', {
    description: 'Add two integers and return the sum.',
    inputSchema: { a: z.number().int().describe('First addend'), b: z.number().int().describe('Second addend') },
    annotations: { readOnlyHint: true },
  }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));

  server.registerTool('sleep', {
    description: 'Wait the given number of milliseconds, without blocking other calls.',
    inputSchema: { ms: z.number().int().min(0).max(SLEEP_MAX_MS).describe('How long to wait, in milliseconds') },
    annotations: { readOnlyHint: true },
  }, async ({ ms }, extra) => {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      extra.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
    return { content: [{ type: 'text', text: `Slept ${ms} ms` }] };
  });

  server.registerTool('ask', {
    description: 'Ask the user to confirm, then answer.',
    inputSchema: {},
  }, async () => {
    const answer = await server.server.elicitInput({ message: 'Go ahead?', requestedSchema: CONFIRM_SCHEMA });
    const confirmed = answer.action === 'accept' && answer.content?.confirm === true;
    return { content: [{ type: 'text', text: confirmed ? 'Confirmed' : 'Declined' }] };
  });

  for (let i = 1; i <= options.tools; i++) {
    server.registerTool(extraToolName(i), {
      description: `Extra tool number ${i} for the tools/list benchmark.`,
      inputSchema: { x: z.number().int().optional().describe('A number') },
    }, async () => ({ content: [{ type: 'text', text: extraToolName(i) }] }));
  }

  return server;
}

function refuse (res, status, message) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

if (options.http === undefined) {
  const { StdioServerTransport } = await importFromNpmDir('@modelcontextprotocol/sdk', 'server/stdio.js');

  await build().connect(new StdioServerTransport());
} else {
  const { StreamableHTTPServerTransport } =
    await importFromNpmDir('@modelcontextprotocol/sdk', 'server/streamableHttp.js');
  const { isInitializeRequest } = await importFromNpmDir('@modelcontextprotocol/sdk', 'types.js');
  const transports = new Map();

  await listenHttp(options.http, async (req, res) => {
    try {
      const path = req.url.split('?')[0];
      const sessionId = req.headers['mcp-session-id'];
      let transport = sessionId !== undefined ? transports.get(sessionId) : undefined;

      if (path !== '/mcp')
        return refuse(res, 404, 'Not Found');
      if (req.method !== 'POST') {
        if (transport === undefined)
          return refuse(res, sessionId !== undefined ? 404 : 400, 'No valid session ID provided');
        return await transport.handleRequest(req, res);
      }

      const body = await readJsonBody(req);
      if (transport === undefined) {
        if (sessionId !== undefined)
          return refuse(res, 404, 'Session not found');
        if (!isInitializeRequest(body))
          return refuse(res, 400, 'Bad Request: No valid session ID provided');
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => { transports.set(id, created); },
        });
        created.onclose = () => {
          if (created.sessionId !== undefined)
            transports.delete(created.sessionId);
        };
        await build().connect(created);
        transport = created;
      }
      await transport.handleRequest(req, res, body);
    } catch (error) {
      if (!res.headersSent)
        refuse(res, 500, String(error));
    }
  });
}
