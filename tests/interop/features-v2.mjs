// features-v2.mjs — the official TypeScript SDK v2 client against the
// feature server, 2026-07-28
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node features-v2.mjs FEATURE-SERVER-BINARY [ARGS...]
//
// Connects with @modelcontextprotocol/client 2.4.0 over stdio twice, pinned
// to 2026-07-28 and with versionNegotiation {mode: 'auto'}; both must reach
// the modern era. Each session declares elicitation, sampling and roots
// (which the client answers through its handlers when the server returns
// an input_required result, then retries), listens for tools list changes
// (the listChanged option, which opens a subscriptions/listen stream) and
// for updates of notes://index (a second listen stream), asks for log
// messages with the io.modelcontextprotocol/logLevel _meta key, and runs
// the checks of features-scenario.mjs. Then, through
// @modelcontextprotocol/ext-tasks 0.2.2 on the same connection (its
// requests declare the io.modelcontextprotocol/tasks extension), archive
// becomes a task that is polled to completion, and another one is
// cancelled. Last, it closes and checks the server exited with status 0.
//
// Exit status: 0 passed, 1 failed, 77 skipped (modules not in MCP_NPM_DIR,
// and MCP_REQUIRE_INTEROP is not 1).

import {
  check, closeAndCheckExit, describeError, equal, finish, firstText, importFromNpmDir, log,
  serverFromArgv, serverParams, short, sleep, step, watchProcess,
} from './common.mjs';
import {
  REQUEST_TIMEOUT, checkNoGLibWarnings, makeEvents, makeInputs, runFeatureScenario, watchStderr,
} from './features-scenario.mjs';

const server = serverFromArgv();
const { Client } = await importFromNpmDir('@modelcontextprotocol/client', '', '2.4.0');
const { StdioClientTransport } = await importFromNpmDir('@modelcontextprotocol/client', 'stdio', '2.4.0');
const tasks = await importFromNpmDir('@modelcontextprotocol/ext-tasks', 'client', '0.2.2');

const CLIENT_INFO = { name: 'makemcp-interop-features-v2', version: '1.0.0' };
const CAPABILITIES = {
  elicitation: { form: {} },
  sampling: {},
  roots: { listChanged: true },
};
const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';
const LOG_LEVEL_KEY = 'io.modelcontextprotocol/logLevel';

/* ext-tasks sends tools/call and tasks/* through a "raw dispatch" the host
 * provides, because the SDK Client rejects the task result shapes
 * (resultType "task"). This one writes the request to the client's own
 * transport with a string id of its own, and takes the matching response
 * off the transport before the Client sees it; everything else (progress,
 * notifications) still goes to the Client. */
function makeRawDispatch (transport) {
  const pending = new Map();
  let next = 0;
  const clientOnMessage = transport.onmessage;
  if (typeof clientOnMessage !== 'function')
    throw new Error('the transport has no onmessage after connect (SDK internals changed?)');
  transport.onmessage = (message, extra) => {
    if (message && typeof message.id === 'string' && pending.has(message.id) &&
        ('result' in message || 'error' in message)) {
      const settle = pending.get(message.id);
      pending.delete(message.id);
      settle(message);
      return;
    }
    clientOnMessage.call(transport, message, extra);
  };

  const dispatch = (request, options = {}) => new Promise((resolve, reject) => {
    const id = `ext-tasks-${next++}`;
    const timeoutMs = options.context?.requestTimeoutMs ?? REQUEST_TIMEOUT;
    const { signal } = options;
    let timer;
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      pending.delete(id);
    };
    const onAbort = () => {
      cleanup();
      transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: String(signal.reason) } })
        .catch(() => {});
      reject(signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => {
      cleanup();
      reject(new tasks.DispatchError(`${request.method} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    pending.set(id, (message) => {
      cleanup();
      resolve('error' in message ? { kind: 'error', error: message.error } : { kind: 'result', result: message.result });
    });
    transport.send({ jsonrpc: '2.0', id, method: request.method, ...(request.params ? { params: request.params } : {}) })
      .catch((error) => {
        cleanup();
        reject(new tasks.DispatchError(`sending ${request.method} failed`, false, { cause: error }));
      });
  });
  return { dispatch, pending };
}

async function tasksSteps (label, client, transport) {
  const L = (text) => `${label}: ${text}`;
  let session;
  const sessionErrors = [];

  const ready = await step(L('ext-tasks: task session'), async () => {
    const extension = client.getServerCapabilities()?.extensions?.[TASKS_EXTENSION];
    equal(extension, {}, L(`the server capabilities carry extensions["${TASKS_EXTENSION}"] = {}`));
    const raw = makeRawDispatch(transport);
    session = tasks.createTaskSessionFromClient(client, {
      endpointId: `makemcp-interop-${label}`,
      rawDispatch: raw.dispatch,
      v2RequestFraming: {
        protocolVersion: client.getNegotiatedProtocolVersion(),
        clientInfo: CLIENT_INFO,
        clientCapabilities: CAPABILITIES,
      },
      onError: (error) => {
        sessionErrors.push(describeError(error));
        log(`     (ext-tasks onError: ${describeError(error)})`);
      },
    });
    equal(session.capabilities.execution, true, L('ext-tasks sees task execution support (generation v2)'));
    return true;
  });
  if (!ready)
    return;

  await step(L('ext-tasks: archive becomes a task, polled to completion'), async () => {
    const t0 = Date.now();
    const execution = await session.callTool('archive', { ms: 300 }, { requestTimeoutMs: REQUEST_TIMEOUT });
    if (!check(execution.kind === 'task', L('archive gives a task (CreateTaskResult)'), execution.kind))
      return;
    const taskId = execution.handle.taskId;
    check(typeof taskId === 'string' && taskId.length > 0, L(`the task has an id (${taskId})`), short(taskId));
    const statuses = [];
    const settled = await Promise.race([
      execution.settle({ onEvent: (event) => { if (event.type === 'task') statuses.push(event.task.status); } }),
      sleep(8000).then(() => null),
    ]);
    if (!check(settled !== null, L('the task settled within 8 s'), `statuses seen: ${short(statuses)}`))
      return;
    const { outcome, lastTask } = settled;
    log(`     (task statuses observed: ${short(statuses)}, settled after ${Date.now() - t0} ms)`);
    // ext-tasks decodes the result inlined in the completed task as a
    // 2026-07-28 CallToolResult, which has a required resultType.
    const inlined = lastTask?.raw?.result;
    check(outcome.status === 'completed', L('the task outcome is completed (ext-tasks accepts the inlined result)'),
          `${outcome.status}${outcome.error ? ` (${describeError(outcome.error)}; ${describeError(outcome.error.cause)})` : ''}` +
          `; the inlined result: ${short(inlined)}`);
    equal(lastTask?.status, 'completed', L('the last task snapshot (tasks/get) is completed'));
    check(statuses[0] === 'working' && statuses.at(-1) === 'completed',
          L('the statuses observed go from working to completed'), short(statuses));
    equal(inlined?.resultType, 'complete', L('the inlined CallToolResult has resultType "complete"'));
    equal(firstText(inlined), 'Archived every note', L('the inlined result is "Archived every note"'));
    if (outcome.status === 'completed') {
      check(!outcome.result?.isError, L('the task result is not an error'), short(outcome.result));
      equal(firstText(outcome.result), 'Archived every note', L('the task outcome result is "Archived every note"'));
    }
    const snapshot = await session.task(taskId).snapshot();
    equal(snapshot.status, 'completed', L('a later tasks/get still says completed'));
  });

  await step(L('ext-tasks: cancelling a task'), async () => {
    const execution = await session.callTool('archive', { ms: 60000 }, { requestTimeoutMs: REQUEST_TIMEOUT });
    if (!check(execution.kind === 'task', L('archive (60 s) gives a task'), execution.kind))
      return;
    const taskId = execution.handle.taskId;
    const before = await session.task(taskId).snapshot();
    equal(before.status, 'working', L('before the cancel, tasks/get says working'));
    await execution.cancel();
    const outcome = await Promise.race([execution.result(), sleep(5000).then(() => null)]);
    equal(outcome?.status, 'cancelled', L('after tasks/cancel, the execution outcome is cancelled'));
    // The server may take a moment to settle the task (cancellation is
    // cooperative); give it 3 s.
    let snapshot;
    const until = Date.now() + 3000;
    do {
      snapshot = await session.task(taskId).snapshot();
      if (snapshot.status === 'cancelled')
        break;
      await sleep(100);
    } while (Date.now() < until);
    equal(snapshot?.status, 'cancelled', L('tasks/get says cancelled'));
  });

  await step(L('ext-tasks: tasks/get of an unknown task'), async () => {
    let error;
    try {
      await session.task('no-such-task-3f9c').snapshot();
    } catch (e) {
      error = e;
    }
    if (check(error !== undefined, L('tasks/get of an unknown task is an error')))
      check(error.code === -32602, L(`the error code is -32602 (${describeError(error)})`), describeError(error));
  });

  await step(L('ext-tasks: close the task session'), async () => {
    await session.close();
    check(sessionErrors.length === 0, L('ext-tasks reported no errors'), short(sessionErrors));
  });
}

async function session (label, versionNegotiation) {
  log(`==== ${label}: v2 client, versionNegotiation ${JSON.stringify(versionNegotiation)}`);
  const L = (text) => `${label}: ${text}`;
  const clientErrors = [];
  const inputs = makeInputs();
  const events = makeEvents();

  const client = new Client(CLIENT_INFO, {
    capabilities: CAPABILITIES,
    versionNegotiation,
    listChanged: {
      tools: {
        debounceMs: 0,
        onChanged: (error, tools) => {
          if (error) {
            clientErrors.push(`listChanged: ${describeError(error)}`);
            return;
          }
          events.toolsListChanged++;
          events.changedTools = (tools ?? []).map((t) => t.name);
        },
      },
    },
  });
  client.onerror = (error) => {
    clientErrors.push(describeError(error));
    log(`     (client onerror: ${describeError(error)})`);
  };
  client.setRequestHandler('elicitation/create', async (request) => inputs.elicit(request.params));
  client.setRequestHandler('sampling/createMessage', async (request) => inputs.sample(request.params));
  client.setRequestHandler('roots/list', async () => inputs.listRoots());
  client.setNotificationHandler('notifications/message', (notification) => {
    events.logs.push(notification.params);
  });
  client.setNotificationHandler('notifications/resources/updated', (notification) => {
    events.resourceUpdates.push(notification.params.uri);
  });

  const transport = new StdioClientTransport({ ...serverParams(server, label), stderr: 'pipe' });
  const stderr = watchStderr(transport);
  const connected = await step(L('connect'), async () => {
    await client.connect(transport, { timeout: REQUEST_TIMEOUT });
    return true;
  });
  if (!connected)
    return;
  const processState = watchProcess(transport);

  await step(L('negotiated version and capabilities'), async () => {
    equal(client.getProtocolEra(), 'modern', L('the era is modern'));
    equal(client.getNegotiatedProtocolVersion(), '2026-07-28', L('the version is 2026-07-28'));
    equal(client.getServerVersion()?.name, 'makemcp-glib-notes', L('the server is makemcp-glib-notes'));
    const caps = client.getServerCapabilities() ?? {};
    check(caps.tools?.listChanged === true && caps.resources?.subscribe === true &&
          caps.prompts !== undefined && caps.completions !== undefined && caps.logging !== undefined,
          L('the server advertises tools.listChanged, resources.subscribe, prompts, completions, logging'), short(caps));
  });

  let resourceSubscription;
  await step(L('subscriptions/listen'), async () => {
    const auto = client.autoOpenedSubscription;
    check(auto !== undefined, L('the listChanged option opened a subscriptions/listen stream'));
    equal(auto?.honoredFilter?.toolsListChanged, true, L('the server honours toolsListChanged on it'));
    resourceSubscription = await client.listen({ resourceSubscriptions: ['notes://index'] }, { timeout: REQUEST_TIMEOUT });
    equal(resourceSubscription?.honoredFilter?.resourceSubscriptions, ['notes://index'],
          L('a second stream: the server honours resourceSubscriptions [notes://index]'));
  });

  await runFeatureScenario({
    client,
    label,
    era: 'modern',
    callTool: (params, options) => client.callTool(params, options),
    callToolLogging: (level, params, options) =>
      client.callTool({ ...params, _meta: { ...(params._meta ?? {}), [LOG_LEVEL_KEY]: level } }, options),
    fresh: { cacheMode: 'bypass' },
    notFoundCode: -32602,
    inputs,
    events,
    expectResourceUpdates: resourceSubscription !== undefined,
  });

  await tasksSteps(label, client, transport);

  await step(L('close the subscriptions'), async () => {
    const subs = [client.autoOpenedSubscription, resourceSubscription].filter(Boolean);
    await Promise.all(subs.map((s) => s.close()));
    const how = await Promise.race([Promise.all(subs.map((s) => s.closed)), sleep(2000).then(() => null)]);
    check(how !== null && how.every((h) => h === 'local'), L('both subscriptions closed'), short(how));
    const before = events.resourceUpdates.length;
    const result = await client.callTool({ name: 'add_note', arguments: { text: 'After closing' } },
                                         { timeout: REQUEST_TIMEOUT });
    check(!result.isError, L('add_note after closing the streams: not an error'), short(result));
    await sleep(300);
    equal(events.resourceUpdates.length, before, L('no notifications/resources/updated after the stream was closed'));
  });

  await step(L('close'), async () => {
    await closeAndCheckExit(client, processState, label);
  });
  check(clientErrors.length === 0, L('the client reported no errors'), short(clientErrors));
  checkNoGLibWarnings(stderr, label);
}

await session('v2-pin', { mode: { pin: '2026-07-28' } });
await session('v2-auto', { mode: 'auto' });
finish();
