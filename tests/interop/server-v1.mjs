// server-v1.mjs — an MCP server written with the official TypeScript SDK v1
// (@modelcontextprotocol/sdk), for McpClient to talk to
// (tests/test-client-interop.c)
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node server-v1.mjs            serves on standard input and output
//   node server-v1.mjs --http     serves Streamable HTTP (with sessions) on
//                                 127.0.0.1, a free port; prints
//                                 "LISTENING <url>"
//
// The SDK v1 speaks the legacy revisions only (2025-11-25 and earlier):
// McpClient's server/discover probe fails and it falls back to
// initialize. Tools: add, slow (progress, cancellable), confirm (an
// elicitation request to the client); a resource greet://hello; a prompt
// hello; list changes when the tool "grow" adds a tool.
//
// Nothing but protocol goes to standard output in stdio mode. When the
// SDK is not installed the script exits with 77.

import http from 'node:http';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { npmDir } from './common.mjs';

function fail (message, code) {
  process.stderr.write(`server-v1: ${message}\n`);
  process.exit(code);
}

async function load (pkg, file) {
  const full = path.join(npmDir, 'node_modules', ...pkg.split('/'), file);
  if (!fs.existsSync(full))
    fail(`${pkg} is not installed in ${npmDir}`, 77);
  return import(pathToFileURL(full).href);
}

const { McpServer, ResourceTemplate } = await load('@modelcontextprotocol/sdk', 'dist/esm/server/mcp.js');
const { StdioServerTransport } = await load('@modelcontextprotocol/sdk', 'dist/esm/server/stdio.js');
const { StreamableHTTPServerTransport } = await load('@modelcontextprotocol/sdk', 'dist/esm/server/streamableHttp.js');
const { isInitializeRequest } = await load('@modelcontextprotocol/sdk', 'dist/esm/types.js');
const { z } = await load('zod', 'index.js');

function sleep (ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('Cancelled'));
    }, { once: true });
  });
}

function factory () {
  const server = new McpServer({ name: 'ts-sdk-v1-server', version: '1.32.2' },
                               { instructions: 'A TypeScript SDK v1 test server',
                                 capabilities: { logging: {} } });

  server.registerTool('add', {
    description: 'Add two numbers',
    inputSchema: { a: z.number(), b: z.number() },
  }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));

  server.registerTool('slow', {
    description: 'Wait, reporting progress every 50 ms',
    inputSchema: { steps: z.number() },
  }, async ({ steps }, extra) => {
    const token = extra._meta?.progressToken;
    for (let i = 1; i <= steps; i++) {
      await sleep(50, extra.signal);
      if (token !== undefined) {
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: i, total: steps, message: `step ${i}` },
        });
      }
    }
    await server.sendLoggingMessage({ level: 'info', logger: 'slow', data: 'finished' }, extra.sessionId);
    return { content: [{ type: 'text', text: `done after ${steps} steps` }] };
  });

  server.registerTool('confirm', {
    description: 'Ask the user to confirm',
    inputSchema: {},
  }, async (args, extra) => {
    const answer = await server.server.elicitInput({
      message: 'Proceed?',
      requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
    }, { relatedRequestId: extra.requestId });
    const ok = answer.action === 'accept' && answer.content?.ok === true;
    return { content: [{ type: 'text', text: ok ? 'confirmed' : 'refused' }] };
  });

  server.registerTool('grow', {
    description: 'Add a tool',
    inputSchema: {},
  }, async () => {
    server.registerTool(`extra-${randomUUID().slice(0, 8)}`, { description: 'More' },
                        async () => ({ content: [] }));
    return { content: [{ type: 'text', text: 'grown' }] };
  });

  server.registerResource('greeting', 'greet://hello', { mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Hello from TypeScript' }] }));

  server.registerResource('echo', new ResourceTemplate('echo://{word}', { list: undefined }),
    { mimeType: 'text/plain' },
    async (uri, { word }) => ({ contents: [{ uri: uri.href, text: `echo ${word}` }] }));

  server.registerPrompt('hello', {
    description: 'Say hello',
    argsSchema: { name: z.string() },
  }, ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${name}` } }],
  }));

  return server;
}

if (process.argv[2] !== '--http') {
  const server = factory();
  await server.connect(new StdioServerTransport());
} else {
  const transports = new Map();

  const httpServer = http.createServer(async (req, res) => {
    try {
      let body;
      if (req.method === 'POST') {
        const chunks = [];
        for await (const chunk of req)
          chunks.push(chunk);
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      }

      const sessionId = req.headers['mcp-session-id'];
      let transport = sessionId !== undefined ? transports.get(sessionId) : undefined;

      if (transport === undefined) {
        if (sessionId !== undefined) {
          res.writeHead(404, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }));
          return;
        }
        if (req.method !== 'POST' || !isInitializeRequest(body)) {
          res.writeHead(400, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: Server not initialized' }, id: null }));
          return;
        }
        transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => transports.set(id, transport),
        });
        transport.onclose = () => {
          if (transport.sessionId)
            transports.delete(transport.sessionId);
        };
        await factory().connect(transport);
      }

      await transport.handleRequest(req, res, body);
    } catch (error) {
      process.stderr.write(`server-v1: ${error}\n`);
      if (!res.headersSent)
        res.writeHead(500);
      res.end();
    }
  });

  httpServer.listen(0, '127.0.0.1', () => {
    const { port } = httpServer.address();
    process.stdout.write(`LISTENING http://127.0.0.1:${port}/mcp\n`);
  });

  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
