// peer-v1.mjs — the benchmark tools on the official TypeScript SDK v1
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node peer-v1.mjs [--tools N]
//
// @modelcontextprotocol/sdk 1.32.2, written the way its README shows:
// McpServer + registerTool with zod shapes, on StdioServerTransport. It
// speaks the legacy (initialize) era only. Tools, as in bench-server.c:
//   add    {a, b} integers → the sum as text
//   sleep  {ms} → waits on a timer, "Slept MS ms"
//   ask    {} → asks the client to confirm (elicitation/create, a
//          server-to-client request), "Confirmed" or "Declined"
//   tool-00001 … tool-N  with --tools N, for the tools/list benchmark

import { CONFIRM_SCHEMA, SLEEP_MAX_MS, extraToolName, importFromNpmDir, parseArgs } from './peer-common.mjs';

const options = parseArgs(process.argv.slice(2));
const { McpServer } = await importFromNpmDir('@modelcontextprotocol/sdk', 'server/mcp.js', '1.32.2');
const { StdioServerTransport } = await importFromNpmDir('@modelcontextprotocol/sdk', 'server/stdio.js');
const z = await importFromNpmDir('zod', 'v4');

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

await server.connect(new StdioServerTransport());
