// features-scenario.mjs — the feature server's checks, driven by an SDK client
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The checks that read the same with the v1 client (legacy revisions) and
// the v2 client (2026-07-28) against examples/feature-server.c. Each script
// connects its client, registers the elicitation / sampling / roots
// handlers and the notification handlers so that they consult and fill the
// `inputs` and `events` objects made here, and then passes what differs
// between the SDKs and eras (how to call a tool, how to ask for log
// messages, which error code a missing resource has) to
// runFeatureScenario().

import { allText, check, describeError, equal, firstText, log, short, sleep, step } from './common.mjs';

export const REQUEST_TIMEOUT = 10000;

export const ROOTS = [
  { uri: 'file:///tmp/interop-roots/alpha', name: 'Alpha' },
  { uri: 'file:///tmp/interop-roots/beta' },
];
export const SAMPLED_TEXT = 'Two errands: milk, and a call about the garden.';
export const SAMPLING_MODEL = 'interop-test-model';

const FIRST_NOTE = 'Buy milk';
const SECOND_NOTE = 'Call Alice about the garden';
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];

const BASE_TOOLS = ['add_note', 'archive', 'basket_add', 'confirm_clear', 'count_words', 'list_notes',
                    'list_roots', 'open_basket', 'summarize'];

/* What the client handlers answer, and what they were asked. The scripts'
 * handlers call these. */
export function makeInputs () {
  return {
    elicitAnswer: { action: 'decline' },
    elicitations: [],
    samplings: [],
    rootsRequests: 0,
    elicit (params) {
      this.elicitations.push(params);
      return this.elicitAnswer;
    },
    sample (params) {
      this.samplings.push(params);
      return {
        model: SAMPLING_MODEL,
        role: 'assistant',
        content: { type: 'text', text: SAMPLED_TEXT },
        stopReason: 'endTurn',
      };
    },
    listRoots () {
      this.rootsRequests++;
      return { roots: ROOTS };
    },
  };
}

/* What the client's notification handlers received. */
export function makeEvents () {
  return {
    logs: [],             // params of notifications/message
    toolsListChanged: 0,  // notifications/tools/list_changed (or onChanged calls)
    changedTools: null,   // the tool names onChanged gave, when the SDK refetches
    resourceUpdates: [],  // uris of notifications/resources/updated
  };
}

/* Collects what the server writes to stderr (the transport must have been
 * made with stderr: 'pipe'), passing it on to ours. */
export function watchStderr (transport) {
  const state = { text: '' };
  const stream = transport.stderr;
  if (!stream)
    throw new Error('the transport has no stderr stream (stderr: "pipe" not set?)');
  stream.on('data', (chunk) => {
    const text = chunk.toString();
    state.text += text;
    process.stderr.write(text);
  });
  return state;
}

/* GLib criticals and warnings the server printed: each is a bug. */
export function checkNoGLibWarnings (state, label) {
  const bad = state.text.split('\n').filter((line) => /(CRITICAL|WARNING|ERROR) \*\*/.test(line));
  check(bad.length === 0, `${label}: the server printed no GLib criticals or warnings on stderr`, short(bad, 1000));
}

/* Waits until predicate() holds, or ms have passed; returns predicate(). */
export async function waitFor (predicate, ms = 3000) {
  const until = Date.now() + ms;
  while (!predicate() && Date.now() < until)
    await sleep(20);
  return predicate();
}

/* Calls fn and returns {result} or {error}. */
async function attempt (fn) {
  try {
    return { result: await fn() };
  } catch (error) {
    return { error };
  }
}

function textOfResource (result) {
  return result?.contents?.[0]?.text;
}

/* ctx:
 *   client          a connected Client (v1 or v2)
 *   label           prefix for the check lines
 *   era             'modern' or 'legacy'
 *   callTool (params, options)
 *                   the SDK's callTool; options are {onprogress, timeout…}
 *   callToolLogging (level, params, options)
 *                   calls a tool with log messages of LEVEL and above
 *                   asked for (v2: the logLevel _meta key; v1:
 *                   logging/setLevel first)
 *   fresh           request options that bypass the client's response
 *                   cache ({cacheMode: 'bypass'} for v2)
 *   notFoundCode    the error code of a missing resource for this era
 *   inputs, events  from makeInputs() / makeEvents(), wired to the handlers
 *   expectResourceUpdates
 *                   whether the script subscribed to notes://index
 */
export async function runFeatureScenario (ctx) {
  const { client, label, era, inputs, events, fresh } = ctx;
  const L = (text) => `${label}: ${text}`;
  const callTool = (params, options = {}) => ctx.callTool(params, { timeout: REQUEST_TIMEOUT, ...options });
  const opts = { timeout: REQUEST_TIMEOUT };

  await step(L('tools/list'), async () => {
    const { tools } = await client.listTools(undefined, opts);
    const names = tools.map((t) => t.name).sort();
    equal(names, BASE_TOOLS, L('the nine tools are listed (no delete_note before the first note)'));
    const add = tools.find((t) => t.name === 'add_note');
    equal(add?.outputSchema, {
      type: 'object',
      properties: { id: { type: 'integer' }, uri: { type: 'string' } },
      required: ['id', 'uri'],
    }, L('add_note: the outputSchema is {id: integer, uri: string}, both required'));
    equal(add?.inputSchema?.required, ['text'], L('add_note: inputSchema requires text'));
    const confirm = tools.find((t) => t.name === 'confirm_clear');
    equal(confirm?.annotations?.destructiveHint, true, L('confirm_clear: destructiveHint is true'));
  });

  await step(L('resources/list and resources/templates/list'), async () => {
    const { resources } = await client.listResources(undefined, opts);
    const index = resources.find((r) => r.uri === 'notes://index');
    check(index !== undefined, L('notes://index is listed'), short(resources));
    equal(index?.mimeType, 'text/plain', L('notes://index has mimeType text/plain'));
    const { resourceTemplates } = await client.listResourceTemplates(undefined, opts);
    equal(resourceTemplates.map((t) => t.uriTemplate), ['notes://note/{id}'],
          L('the one template is notes://note/{id}'));
    equal(resourceTemplates[0]?.mimeType, 'text/plain', L('the template has mimeType text/plain'));
  });

  await step(L('prompts/list'), async () => {
    const { prompts } = await client.listPrompts(undefined, opts);
    equal(prompts.map((p) => p.name), ['review_note'], L('the one prompt is review_note'));
    const args = prompts[0]?.arguments ?? [];
    equal(args.map((a) => [a.name, a.required === true]), [['id', true], ['focus', false]],
          L('review_note takes id (required) and focus (optional)'));
  });

  await step(L('add_note (first note)'), async () => {
    const result = await callTool({ name: 'add_note', arguments: { text: FIRST_NOTE } });
    check(!result.isError, L('add_note: not an error'), short(result));
    equal(result.structuredContent, { id: 1, uri: 'notes://note/1' },
          L('add_note: structuredContent is {id: 1, uri: notes://note/1}'));
    const link = result.content?.find((c) => c.type === 'resource_link');
    check(link?.uri === 'notes://note/1' && link?.mimeType === 'text/plain' && typeof link?.name === 'string',
          L('add_note: the content has a resource_link to notes://note/1 (text/plain)'), short(result.content));

    check(await waitFor(() => events.toolsListChanged > 0),
          L('a tools list_changed notification arrived after the first note'), `${events.toolsListChanged} seen`);
    if (events.changedTools !== null) {
      check(events.changedTools.includes('delete_note'),
            L('the refetched tool list the SDK handed to onChanged has delete_note'), short(events.changedTools));
    }
    const { tools } = await client.listTools(undefined, { ...opts, ...fresh });
    check(tools.some((t) => t.name === 'delete_note'), L('a fresh tools/list has delete_note'),
          short(tools.map((t) => t.name)));
    if (ctx.expectResourceUpdates) {
      check(await waitFor(() => events.resourceUpdates.includes('notes://index')),
            L('a notifications/resources/updated for notes://index arrived'), short(events.resourceUpdates));
    }
  });

  await step(L('add_note (second note)'), async () => {
    const before = events.resourceUpdates.length;
    const result = await callTool({ name: 'add_note', arguments: { text: SECOND_NOTE } });
    equal(result.structuredContent, { id: 2, uri: 'notes://note/2' },
          L('add_note: structuredContent is {id: 2, uri: notes://note/2}'));
    if (ctx.expectResourceUpdates) {
      check(await waitFor(() => events.resourceUpdates.length > before),
            L('another notifications/resources/updated arrived'), short(events.resourceUpdates));
    }
  });

  await step(L('resources/read'), async () => {
    const index = await client.readResource({ uri: 'notes://index' }, { ...opts, ...fresh });
    equal(textOfResource(index), `1. ${FIRST_NOTE}\n2. ${SECOND_NOTE}\n`, L('notes://index lists both notes'));
    equal(index.contents?.[0]?.uri, 'notes://index', L('notes://index: the contents carry its uri'));
    const note = await client.readResource({ uri: 'notes://note/1' }, { ...opts, ...fresh });
    equal(textOfResource(note), FIRST_NOTE, L('notes://note/1 is the first note'));
    equal(note.contents?.[0]?.mimeType, 'text/plain', L('notes://note/1 is text/plain'));
    equal(note.contents?.[0]?.uri, 'notes://note/1', L('notes://note/1: the contents carry its uri'));
    const note2 = await client.readResource({ uri: 'notes://note/2' }, { ...opts, ...fresh });
    equal(textOfResource(note2), SECOND_NOTE, L('notes://note/2 is the second note'));
  });

  await step(L('resources/read of a missing note'), async () => {
    const { result, error } = await attempt(() => client.readResource({ uri: 'notes://note/99' }, { ...opts, ...fresh }));
    if (!check(error !== undefined, L('reading notes://note/99 is a protocol error'), short(result)))
      return;
    check(error.code === ctx.notFoundCode,
          L(`the error code is ${ctx.notFoundCode} (${era}) (${describeError(error)})`), describeError(error));
  });

  await step(L('completion/complete'), async () => {
    const ref = { type: 'ref/resource', uri: 'notes://note/{id}' };
    const all = await client.complete({ ref, argument: { name: 'id', value: '' } }, opts);
    equal(all.completion?.values, ['1', '2'], L('the template variable id completes "" to [1, 2]'));
    const two = await client.complete({ ref, argument: { name: 'id', value: '2' } }, opts);
    equal(two.completion?.values, ['2'], L('the template variable id completes "2" to [2]'));
    const none = await client.complete({ ref, argument: { name: 'id', value: '7' } }, opts);
    equal(none.completion?.values, [], L('the template variable id completes "7" to []'));
    const prompt = await client.complete({
      ref: { type: 'ref/prompt', name: 'review_note' },
      argument: { name: 'id', value: '1' },
    }, opts);
    equal(prompt.completion?.values, ['1'], L('the prompt argument id completes "1" to [1]'));
  });

  await step(L('prompts/get review_note'), async () => {
    const result = await client.getPrompt({ name: 'review_note', arguments: { id: '1' } }, opts);
    const [first, second] = result.messages ?? [];
    equal(result.messages?.length, 2, L('review_note has two messages'));
    check(first?.role === 'user' && first?.content?.type === 'resource' &&
          first.content.resource?.uri === 'notes://note/1' && first.content.resource?.text === FIRST_NOTE &&
          first.content.resource?.mimeType === 'text/plain',
          L('the first message embeds the resource notes://note/1 with its text'), short(first));
    check(second?.role === 'user' && second?.content?.type === 'text' &&
          second.content.text === 'Please review the note above.',
          L('the second message is the default text'), short(second));
    const focused = await client.getPrompt({ name: 'review_note', arguments: { id: '2', focus: 'Spelling' } }, opts);
    equal(focused.messages?.[0]?.content?.resource?.text, SECOND_NOTE, L('with id 2, the second note is embedded'));
    equal(focused.messages?.[1]?.content?.text, 'Spelling', L('with a focus, the text message is the focus'));
    const { result: bad, error } = await attempt(() =>
      client.getPrompt({ name: 'review_note', arguments: { id: '42' } }, opts));
    if (check(error !== undefined, L('review_note with a missing note is a protocol error'), short(bad)))
      check(error.code === -32602, L(`the error code is -32602 (${describeError(error)})`), describeError(error));
  });

  await step(L('count_words with progress'), async () => {
    const seen = [];
    const result = await callTool({ name: 'count_words', arguments: { text: WORDS.join(' ') } },
                                  { onprogress: (p) => seen.push(p) });
    equal(firstText(result), `${WORDS.length} words`, L(`count_words gives "${WORDS.length} words"`));
    equal(seen.map((p) => p.progress), WORDS.map((_, i) => i + 1),
          L(`${WORDS.length} progress notifications arrived, with progress 1..${WORDS.length}`));
    check(seen.every((p) => p.total === WORDS.length), L(`every progress notification has total ${WORDS.length}`),
          short(seen));
    equal(seen.map((p) => p.message), WORDS.map((w) => `Counted “${w}”`), L('the progress messages name each word'));
  });

  const expectedLogs = (withDebug) => [
    ['info', 'Counting started'],
    ...(withDebug ? WORDS.map((w) => ['debug', `Counted “${w}”`]) : []),
    ['info', 'Counting finished'],
  ];
  const countWithLogs = async (level) => {
    events.logs.length = 0;
    const result = await ctx.callToolLogging(level, { name: 'count_words', arguments: { text: WORDS.join(' ') } },
                                             { timeout: REQUEST_TIMEOUT });
    equal(firstText(result), `${WORDS.length} words`, L(`count_words (log level ${level}) gives "${WORDS.length} words"`));
    await sleep(100); // let stragglers in, though they should come before the result
    return events.logs.map((m) => [m.level, m.data]);
  };

  if (era === 'modern') {
    await step(L('count_words without a log level: no log messages'), async () => {
      events.logs.length = 0;
      await callTool({ name: 'count_words', arguments: { text: 'one two' } });
      await sleep(100);
      equal(events.logs.length, 0, L('no notifications/message without io.modelcontextprotocol/logLevel'));
    });
  }

  await step(L('count_words with logging at debug'), async () => {
    const logs = await countWithLogs('debug');
    equal(logs, expectedLogs(true), L('the log messages at debug: started, one per word, finished'));
    check(events.logs.every((m) => m.logger === 'count_words'), L('every log message has logger count_words'),
          short(events.logs));
  });

  await step(L('count_words with logging at info'), async () => {
    const logs = await countWithLogs('info');
    equal(logs, expectedLogs(false), L('the log messages at info: only started and finished'));
  });

  await step(L('summarize (sampling)'), async () => {
    inputs.samplings.length = 0;
    const result = await callTool({ name: 'summarize', arguments: {} });
    check(!result.isError, L('summarize: not an error'), short(result));
    equal(firstText(result), `Summary: ${SAMPLED_TEXT}`, L('summarize gives "Summary: <the sampled text>"'));
    equal(inputs.samplings.length, 1, L('the sampling handler was asked once'));
    const request = inputs.samplings[0];
    equal(request?.messages?.[0]?.content?.text, `1. ${FIRST_NOTE}\n2. ${SECOND_NOTE}\n`,
          L('the sampling request carries the notes as the user message'));
    equal(request?.maxTokens, 100, L('the sampling request has maxTokens 100'));
    equal(request?.systemPrompt, 'Summarize these notes in one sentence.', L('the sampling request has the system prompt'));
  });

  await step(L('list_roots (roots)'), async () => {
    inputs.rootsRequests = 0;
    const result = await callTool({ name: 'list_roots', arguments: {} });
    check(!result.isError, L('list_roots: not an error'), short(result));
    equal(firstText(result), `Roots: ${ROOTS.map((r) => r.uri).join(' ')}`, L('list_roots lists both roots'));
    equal(inputs.rootsRequests, 1, L('the roots handler was asked once'));
  });

  await step(L('confirm_clear declined (elicitation)'), async () => {
    inputs.elicitations.length = 0;
    inputs.elicitAnswer = { action: 'decline' };
    const result = await callTool({ name: 'confirm_clear', arguments: {} });
    equal(firstText(result), 'Nothing was cleared', L('declined: "Nothing was cleared"'));
    equal(inputs.elicitations.length, 1, L('the elicitation handler was asked once'));
    const request = inputs.elicitations[0];
    equal(request?.message, 'Really clear every note?', L('the elicitation message is "Really clear every note?"'));
    equal(request?.requestedSchema?.properties?.confirm?.type, 'boolean',
          L('the requested schema has a boolean confirm'));
    const index = await client.readResource({ uri: 'notes://index' }, { ...opts, ...fresh });
    equal(textOfResource(index), `1. ${FIRST_NOTE}\n2. ${SECOND_NOTE}\n`, L('the notes are still there'));
  });

  await step(L('confirm_clear accepted with confirm: false'), async () => {
    inputs.elicitAnswer = { action: 'accept', content: { confirm: false } };
    const result = await callTool({ name: 'confirm_clear', arguments: {} });
    equal(firstText(result), 'Nothing was cleared', L('accepted with confirm false: "Nothing was cleared"'));
  });

  await step(L('confirm_clear accepted'), async () => {
    inputs.elicitations.length = 0;
    inputs.elicitAnswer = { action: 'accept', content: { confirm: true } };
    const updates = events.resourceUpdates.length;
    const result = await callTool({ name: 'confirm_clear', arguments: {} });
    equal(firstText(result), 'All notes were cleared', L('accepted: "All notes were cleared"'));
    equal(inputs.elicitations.length, 1, L('the elicitation handler was asked once'));
    const index = await client.readResource({ uri: 'notes://index' }, { ...opts, ...fresh });
    equal(textOfResource(index), '', L('notes://index is now empty'));
    const listed = await callTool({ name: 'list_notes', arguments: {} });
    equal(listed.structuredContent, { notes: [] }, L('list_notes: structuredContent is {notes: []}'));
    if (ctx.expectResourceUpdates) {
      check(await waitFor(() => events.resourceUpdates.length > updates),
            L('clearing sent a notifications/resources/updated'), short(events.resourceUpdates));
    }
  });

  await step(L('delete_note'), async () => {
    const added = await callTool({ name: 'add_note', arguments: { text: 'Temporary' } });
    equal(added.structuredContent, { id: 1, uri: 'notes://note/1' }, L('after clearing, the next note has id 1'));
    const deleted = await callTool({ name: 'delete_note', arguments: { id: 1 } });
    equal(firstText(deleted), 'Deleted', L('delete_note gives "Deleted"'));
    const index = await client.readResource({ uri: 'notes://index' }, { ...opts, ...fresh });
    equal(textOfResource(index), '', L('notes://index is empty again'));
    const missing = await callTool({ name: 'delete_note', arguments: { id: 5 } });
    check(missing.isError === true && allText(missing).includes('There is no note 5'),
          L('delete_note of a missing note is an isError result "There is no note 5"'), short(missing));
  });

  await step(L('open_basket and basket_add (signed handles)'), async () => {
    const opened = await callTool({ name: 'open_basket', arguments: {} });
    const handle = firstText(opened);
    if (!check(typeof handle === 'string' && handle.length > 16, L('open_basket gives a handle'), short(opened)))
      return;
    const first = await callTool({ name: 'basket_add', arguments: { basket: handle, item: 'apple' } });
    equal(firstText(first), 'The basket holds 1 item(s)', L('basket_add: "The basket holds 1 item(s)"'));
    const second = await callTool({ name: 'basket_add', arguments: { basket: handle, item: 'pear' } });
    equal(firstText(second), 'The basket holds 2 item(s)', L('basket_add again: "The basket holds 2 item(s)"'));

    // A changed character in the middle of the handle (not the last one,
    // whose low bits base64url decoders may ignore).
    const at = Math.floor(handle.length / 2);
    const flipped = handle[at] === 'A' ? 'B' : 'A';
    const tampered = handle.slice(0, at) + flipped + handle.slice(at + 1);
    // The handle's message is meant for the model, so it must come back as
    // a tool result with isError, not as a JSON-RPC error.
    const isErrorSayingNotValid = ({ result, error }, what) =>
      check(error === undefined && result?.isError === true && /not valid/.test(allText(result)),
            L(`${what} gives an isError result that says "not valid"`),
            error !== undefined ? `a JSON-RPC error instead: ${describeError(error)}` : short(result));
    isErrorSayingNotValid(
      await attempt(() => callTool({ name: 'basket_add', arguments: { basket: tampered, item: 'plum' } })),
      'a tampered handle');
    isErrorSayingNotValid(
      await attempt(() => callTool({ name: 'basket_add', arguments: { basket: 'not-a-handle', item: 'plum' } })),
      'a made-up handle');
    const third = await callTool({ name: 'basket_add', arguments: { basket: handle, item: 'fig' } });
    equal(firstText(third), 'The basket holds 3 item(s)', L('the real handle still works: 3 item(s)'));
  });

  await step(L('archive without tasks'), async () => {
    const t0 = Date.now();
    const result = await callTool({ name: 'archive', arguments: { ms: 200 } });
    check(!result.isError, L('archive: not an error'), short(result));
    equal(firstText(result), 'Archived every note', L('archive gives the result itself: "Archived every note"'));
    check(Date.now() - t0 >= 150, L('archive waited for its work (≥ 150 ms)'), `${Date.now() - t0} ms`);
  });

  log(`     (${label}: ${events.logs.length} log, ${events.toolsListChanged} list_changed, ` +
      `${events.resourceUpdates.length} resource update notifications seen)`);
}
