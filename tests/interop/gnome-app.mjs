// gnome-app.mjs — the GTK 4 application that embeds an MCP server
// (examples/gnome-app/board-app.c), driven over HTTP by the official
// TypeScript SDK clients while its window is shown
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   xvfb-run -a node gnome-app.mjs BOARD-APP
//
// Starts the application (it needs a display: meson runs this under
// xvfb-run), reads the endpoint it prints, and with the v2 client changes
// the window through its tools, reads the state back from the widgets
// (get_window_state, the board://state resource), compares screenshots
// taken before and after, and with the v1 client follows a resource
// subscription. Then SIGTERM: the application must exit with status 0,
// and the state it writes from its widgets on quitting (--dump-state) must
// be what the tools made.
//
// Exit status: 0 passed, 1 failed, 77 skipped (no display, or the SDKs are
// missing; failures instead with MCP_REQUIRE_INTEROP=1).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

import {
  check, describeError, equal, finish, firstText, importFromNpmDir, log, short, skip, sleep, step,
} from './common.mjs';

const REQUEST_TIMEOUT = 10000;

const app = process.argv[2];
if (!app || !fs.existsSync(app)) {
  console.log('usage: node gnome-app.mjs BOARD-APP');
  process.exit(1);
}
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
  skip('no display to show a window on (install xvfb and xauth: meson runs this test under xvfb-run)');

const v2 = await importFromNpmDir('@modelcontextprotocol/client', '', '2.4.0');
const v1 = await importFromNpmDir('@modelcontextprotocol/sdk', 'client/index.js', '1.32.2');
const v1http = await importFromNpmDir('@modelcontextprotocol/sdk', 'client/streamableHttp.js', '1.32.2');
const v1types = await importFromNpmDir('@modelcontextprotocol/sdk', 'types.js', '1.32.2');

function pngSize (base64) {
  const bytes = Buffer.from(base64, 'base64');
  const signature = bytes.subarray(0, 8).toString('hex');
  if (signature !== '89504e470d0a1a0a')
    return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bytes };
}

const dumpPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-board-')), 'state.json');
const child = spawn(app, ['--mcp-port', '0', '--dump-state', dumpPath], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, GSK_RENDERER: process.env.GSK_RENDERER ?? 'cairo', GTK_A11Y: 'none' },
});
const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
const lines = readline.createInterface({ input: child.stdout });
const url = await Promise.race([
  new Promise((resolve) => lines.on('line', (line) => {
    const match = /^MCP endpoint: (\S+)$/.exec(line);
    if (match)
      resolve(match[1]);
  })),
  exited.then((status) => null),
  sleep(15000).then(() => null),
]);
if (!check(url !== null, 'the application started and printed its MCP endpoint')) {
  child.kill('SIGKILL');
  finish();
}
log(`board-app listens at ${url}`);

let lastState;

await step('v2 client: the window through its tools', async () => {
  const client = new v2.Client({ name: 'makemcp-board-test', version: '1.0.0' },
                               { capabilities: {}, versionNegotiation: { mode: 'auto' } });
  await client.connect(new v2.StreamableHTTPClientTransport(new URL(url)), { timeout: REQUEST_TIMEOUT });
  equal(client.getProtocolEra(), 'modern', 'the 2026-07-28 era');
  const call = (name, args = {}) => client.callTool({ name, arguments: args }, { timeout: REQUEST_TIMEOUT });

  const { tools } = await client.listTools(undefined, { timeout: REQUEST_TIMEOUT });
  equal(tools.map((t) => t.name).sort(),
        ['add_note', 'clear_notes', 'get_window_state', 'screenshot', 'set_accent', 'set_headline'],
        'the application\'s tools');

  let state = (await call('get_window_state')).structuredContent;
  equal([state?.headline, state?.notes, state?.accent], ['Welcome', [], 'none'], 'the window as it starts');
  check(state?.visible === true && state?.mapped === true && state?.width > 0,
        'the window is shown', short(state));

  const before = await call('screenshot');
  const beforePng = pngSize(before.content?.find((c) => c.type === 'image')?.data ?? '');
  check(beforePng !== null && beforePng.width === state.width && beforePng.height === state.height,
        `a PNG screenshot of the window (${beforePng?.width}×${beforePng?.height})`, short(before));

  equal(firstText(await call('set_headline', { text: 'Hello from an MCP client' })),
        'Hello from an MCP client', 'set_headline');
  equal(firstText(await call('add_note', { text: 'Buy milk' })), '1 notes', 'add_note');
  equal(firstText(await call('add_note', { text: 'Call Ada' })), '2 notes', 'add_note again');
  equal(firstText(await call('set_accent', { accent: 'green' })), 'green', 'set_accent');
  const wrong = await call('set_accent', { accent: 'purple' });
  check(wrong.isError === true && /accent/.test(firstText(wrong)), 'a colour the board has not is refused',
        short(wrong));

  state = (await call('get_window_state')).structuredContent;
  equal(state?.headline, 'Hello from an MCP client', 'the headline label shows the new text');
  equal(state?.title, 'Board — Hello from an MCP client', 'so does the window title');
  equal(state?.notes, ['Buy milk', 'Call Ada'], 'the list shows the notes');
  equal(state?.accent, 'green', 'the window has the accent');
  equal(state?.status, '4 changes from MCP clients', 'the status line counts the changes');

  const resource = await client.readResource({ uri: 'board://state' }, { timeout: REQUEST_TIMEOUT });
  const contents = resource.contents?.[0];
  equal(contents?.mimeType, 'application/json', 'board://state is JSON');
  equal(JSON.parse(contents?.text ?? 'null'), state, 'board://state is what get_window_state reads');

  const after = await call('screenshot');
  const afterPng = pngSize(after.content?.find((c) => c.type === 'image')?.data ?? '');
  check(afterPng !== null && !afterPng.bytes.equals(beforePng?.bytes ?? Buffer.alloc(0)),
        'the screenshot changed with the window', short(after.content?.[0]));

  lastState = state;
  await client.close();
});

await step('v1 client: a subscription to the board', async () => {
  const client = new v1.Client({ name: 'makemcp-board-test-v1', version: '1.0.0' }, { capabilities: {} });
  let announce;
  const updated = new Promise((resolve) => { announce = resolve; });
  client.setNotificationHandler(v1types.ResourceUpdatedNotificationSchema, (notification) => {
    if (notification.params?.uri === 'board://state')
      announce(notification.params.uri);
  });
  const transport = new v1http.StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport, { timeout: REQUEST_TIMEOUT });
  check(typeof transport.sessionId === 'string', 'a legacy session', transport.sessionId);
  await client.subscribeResource({ uri: 'board://state' }, { timeout: REQUEST_TIMEOUT });
  await sleep(200);   // the GET stream that carries the notification
  const result = await client.callTool({ name: 'clear_notes', arguments: {} }, undefined,
                                       { timeout: REQUEST_TIMEOUT });
  equal(firstText(result), '2 notes removed', 'clear_notes');
  const uri = await Promise.race([updated, sleep(5000).then(() => null)]);
  equal(uri, 'board://state', 'the subscriber heard that the board changed');
  const state = (await client.callTool({ name: 'get_window_state', arguments: {} }, undefined,
                                       { timeout: REQUEST_TIMEOUT })).structuredContent;
  equal(state?.notes, [], 'the list is empty');
  lastState = state;
  await transport.terminateSession().catch(() => {});
  await client.close();
});

await step('quit on SIGTERM', async () => {
  child.kill('SIGTERM');
  const status = await Promise.race([exited, sleep(10000).then(() => null)]);
  if (!check(status !== null, 'the application quit on SIGTERM')) {
    child.kill('SIGKILL');
    return;
  }
  check(status.code === 0 && status.signal === null, 'with status 0', short(status));
  const dumped = JSON.parse(fs.readFileSync(dumpPath, 'utf8'));
  equal(dumped, lastState, 'the state the window had when it closed is what the tools made');
});

fs.rmSync(path.dirname(dumpPath), { recursive: true, force: true });
finish();
