// server-v2.mjs — an MCP server written with the official TypeScript SDK v2,
// for McpClient to talk to (tests/test-client-interop.c)
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node server-v2.mjs            serves on standard input and output
//   node server-v2.mjs --http     serves Streamable HTTP on 127.0.0.1, a
//                                 free port; prints "LISTENING <url>"
//
// The SDK v2 is dual-era: 2026-07-28 (server/discover, multi round-trip
// input requests) and, through its stateless legacy fallback on HTTP and
// the initialize handshake on stdio, the legacy revisions. Tools: add,
// slow (progress, cancellable), confirm (an elicitation, through
// inputRequired, which the SDK turns into a server-to-client request for
// legacy clients); a resource greet://hello; a prompt hello.
//
// Nothing but protocol goes to standard output in stdio mode. When the
// SDK is not installed the script exits with 77.

import http from 'node:http';
import { npmDir } from './common.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function fail (message, code) {
  process.stderr.write(`server-v2: ${message}\n`);
  process.exit(code);
}

async function load (pkg, file) {
  const full = path.join(npmDir, 'node_modules', ...pkg.split('/'), file);
  if (!fs.existsSync(full))
    fail(`${pkg} is not installed in ${npmDir}`, 77);
  return import(pathToFileURL(full).href);
}

const sdk = await load('@modelcontextprotocol/server', 'dist/index.mjs');
const { serveStdio } = await load('@modelcontextprotocol/server', 'dist/stdio.mjs');
const { z } = await load('zod', 'index.js');
const { McpServer, createMcpHandler, inputRequired, acceptedContent, ResourceTemplate } = sdk;

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
  const server = new McpServer({ name: 'ts-sdk-v2-server', version: '2.4.0' },
                               { instructions: 'A TypeScript SDK v2 test server' });

  server.registerTool('add', {
    description: 'Add two numbers',
    inputSchema: z.object({ a: z.number(), b: z.number() }),
  }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));

  server.registerTool('slow', {
    description: 'Wait, reporting progress every 50 ms',
    inputSchema: z.object({ steps: z.number() }),
  }, async ({ steps }, ctx) => {
    const token = ctx.mcpReq._meta?.progressToken;
    for (let i = 1; i <= steps; i++) {
      await sleep(50, ctx.mcpReq.signal);
      if (token !== undefined) {
        await ctx.mcpReq.notify({
          method: 'notifications/progress',
          params: { progressToken: token, progress: i, total: steps, message: `step ${i}` },
        });
      }
    }
    return { content: [{ type: 'text', text: `done after ${steps} steps` }] };
  });

  server.registerTool('confirm', {
    description: 'Ask the user to confirm',
    inputSchema: z.object({}),
  }, async (args, ctx) => {
    const answer = acceptedContent(ctx.mcpReq.inputResponses, 'confirm');
    if (answer === undefined) {
      return inputRequired({
        inputRequests: {
          confirm: inputRequired.elicit({
            message: 'Proceed?',
            requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
          }),
        },
      });
    }
    return { content: [{ type: 'text', text: answer.ok ? 'confirmed' : 'refused' }] };
  });

  server.registerResource('greeting', 'greet://hello', { mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Hello from TypeScript' }] }));

  server.registerResource('echo', new ResourceTemplate('echo://{word}', { list: undefined }),
    { mimeType: 'text/plain' },
    async (uri, { word }) => ({ contents: [{ uri: uri.href, text: `echo ${word}` }] }));

  server.registerPrompt('hello', {
    description: 'Say hello',
    argsSchema: z.object({ name: z.string() }),
  }, ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${name}` } }],
  }));

  return server;
}

if (process.argv[2] !== '--http') {
  serveStdio(factory);
} else {
  const handler = createMcpHandler(factory, { onerror: (e) => process.stderr.write(`server-v2: ${e}\n`) });

  const httpServer = http.createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req)
        chunks.push(chunk);
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value))
          value.forEach((v) => headers.append(name, v));
        else if (value !== undefined)
          headers.set(name, value);
      }
      const controller = new AbortController();
      res.on('close', () => controller.abort());
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' || body.length === 0 ? undefined : body,
        signal: controller.signal,
      });
      const response = await handler.fetch(request);
      const outHeaders = {};
      response.headers.forEach((value, name) => { outHeaders[name] = value; });
      res.writeHead(response.status, outHeaders);
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done)
            break;
          res.write(value);
        }
      }
      res.end();
    } catch (error) {
      if (!res.headersSent)
        res.writeHead(500);
      res.end();
    }
  });

  httpServer.listen(0, '127.0.0.1', () => {
    const { port } = httpServer.address();
    process.stdout.write(`LISTENING http://127.0.0.1:${port}/mcp\n`);
  });

  // Ends with its standard input, like a stdio server.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
