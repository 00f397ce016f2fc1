// peer-v2.mjs — the benchmark tools on the official TypeScript SDK v2
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node peer-v2.mjs [--tools N]
//
// @modelcontextprotocol/server 2.4.0 behind serveStdio, its era-aware stdio
// entry point: a connection that opens with server/discover (or any request
// carrying the 2026-07-28 _meta) is served statelessly, one that opens with
// initialize is served in the legacy era. Tools, as in bench-server.c:
//   add    {a, b} integers → the sum as text
//   sleep  {ms} → waits on a timer, "Slept MS ms"
//   ask    {} → Multi Round-Trip: answers input_required with an
//          elicitation and a requestState signed with the SDK's HMAC codec;
//          the retry with inputResponses completes, "Confirmed" or
//          "Declined". On a legacy connection the SDK's shim turns the same
//          handler into a server-to-client elicitation/create request.
//   tool-00001 … tool-N  with --tools N, for the tools/list benchmark

import { randomBytes } from 'node:crypto';

import { CONFIRM_SCHEMA, SLEEP_MAX_MS, extraToolName, importFromNpmDir, parseArgs } from './peer-common.mjs';

const options = parseArgs(process.argv.slice(2));
const { McpServer, acceptedContent, createRequestStateCodec, inputRequired } =
  await importFromNpmDir('@modelcontextprotocol/server', '', '2.4.0');
const { serveStdio } = await importFromNpmDir('@modelcontextprotocol/server', 'stdio');
const z = await importFromNpmDir('zod', 'v4');

const codec = createRequestStateCodec({ key: randomBytes(32), ttlSeconds: 900 });

function build () {
  const server = new McpServer({ name: 'ts-sdk-v2-bench', version: '2.4.0' }, {
    capabilities: { tools: { listChanged: true } },
    requestState: { verify: codec.verify },
  });

  server.registerTool('add', {
    description: 'Add two integers and return the sum.',
    inputSchema: z.object({ a: z.number().int().describe('First addend'), b: z.number().int().describe('Second addend') }),
    annotations: { readOnlyHint: true },
  }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));

  server.registerTool('sleep', {
    description: 'Wait the given number of milliseconds, without blocking other calls.',
    inputSchema: z.object({ ms: z.number().int().min(0).max(SLEEP_MAX_MS).describe('How long to wait, in milliseconds') }),
    annotations: { readOnlyHint: true },
  }, async ({ ms }, ctx) => {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      ctx.mcpReq.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
    return { content: [{ type: 'text', text: `Slept ${ms} ms` }] };
  });

  server.registerTool('ask', {
    description: 'Ask the user to confirm, then answer.',
    inputSchema: z.object({}),
  }, async (_args, ctx) => {
    const responses = ctx.mcpReq.inputResponses;
    if (responses === undefined || !('confirm' in responses)) {
      return inputRequired({
        inputRequests: { confirm: inputRequired.elicit({ message: 'Go ahead?', requestedSchema: CONFIRM_SCHEMA }) },
        requestState: await codec.mint({ tool: 'ask', round: 1 }),
      });
    }
    const content = acceptedContent(responses, 'confirm');
    return { content: [{ type: 'text', text: content?.confirm === true ? 'Confirmed' : 'Declined' }] };
  });

  for (let i = 1; i <= options.tools; i++) {
    server.registerTool(extraToolName(i), {
      description: `Extra tool number ${i} for the tools/list benchmark.`,
      inputSchema: z.object({ x: z.number().int().optional().describe('A number') }),
    }, async () => ({ content: [{ type: 'text', text: extraToolName(i) }] }));
  }

  return server;
}

serveStdio(build, { legacy: 'serve' });
