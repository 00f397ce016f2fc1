// examples.mjs — the Python and GJS examples (examples/python,
// examples/gjs), each run as a process and driven over stdio by the
// official TypeScript SDK v2 client
//
// Copyright 2026 The makemcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node examples.mjs python EXAMPLES-DIR PYTHON
//   node examples.mjs gjs EXAMPLES-DIR GJS
//
// The two languages have the same examples with the same tools, so the
// same checks run against both: basic async tools, mixed sync and async,
// the web scraper class (fetching from the demo SoupServer the example
// runs), a module of functions, decorated tools, resource management (one
// Soup.Session, closed at the end), error handling and concurrency.
//
// Exit status: 0 passed, 1 failed, 77 skipped.

import path from 'node:path';

import {
  check, closeAndCheckExit, describeError, equal, finish, firstText, importFromNpmDir, log,
  short, step, watchProcess,
} from './common.mjs';

const REQUEST_TIMEOUT = 10000;

const [language, examplesDir, interpreter] = process.argv.slice(2);
if (!['python', 'gjs'].includes(language) || !examplesDir || !interpreter) {
  console.log('usage: node examples.mjs python|gjs EXAMPLES-DIR INTERPRETER');
  process.exit(1);
}
const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => typeof v === 'string'));

const { Client } = await importFromNpmDir('@modelcontextprotocol/client', '', '2.4.0');
const { StdioClientTransport } = await importFromNpmDir('@modelcontextprotocol/client', 'stdio', '2.4.0');

function command (name) {
  if (language === 'python')
    return { command: interpreter, args: [path.join(examplesDir, `${name.replaceAll('-', '_')}.py`)] };
  return { command: interpreter, args: ['-m', path.join(examplesDir, `${name}.js`)] };
}

async function example (name, scenario) {
  log(`==== ${language} example ${name}`);
  const client = new Client({ name: 'makemcp-examples', version: '1.0.0' },
                            { capabilities: {}, versionNegotiation: { mode: 'auto' } });
  const errors = [];
  client.onerror = (error) => errors.push(describeError(error));
  let stderr = '';
  const transport = new StdioClientTransport({ ...command(name), env, stderr: 'pipe' });
  transport.stderr.on('data', (chunk) => {
    stderr += chunk;
    process.stderr.write(chunk);
  });
  const connected = await step(`${name}: connect`, async () => {
    await client.connect(transport, { timeout: REQUEST_TIMEOUT });
    return true;
  });
  if (!connected)
    return;
  const processState = watchProcess(transport);
  const call = (tool, args = {}) =>
    client.callTool({ name: tool, arguments: args }, { timeout: REQUEST_TIMEOUT });
  const tools = async () => {
    const { tools: list } = await client.listTools(undefined, { timeout: REQUEST_TIMEOUT });
    return Object.fromEntries(list.map((t) => [t.name, t]));
  };
  await scenario({ call, tools, L: (text) => `${name}: ${text}` });
  await step(`${name}: close`, () => closeAndCheckExit(client, processState, name));
  check(errors.length === 0, `${name}: the client reported no errors`, short(errors));
  return stderr;
}

await example('basic-async', async ({ call, tools, L }) => {
  await step(L('tools'), async () => {
    const list = await tools();
    equal(Object.keys(list).sort(), ['fetch_data', 'process_items', 'sum_of_squares'], L('the tools'));
    equal(list.fetch_data.inputSchema.properties.delay_ms?.default, 100, L('fetch_data: a default'));
  });
  await step(L('calls'), async () => {
    const started = Date.now();
    const data = await call('fetch_data', { source: 'api', delay_ms: 50 });
    check(Date.now() - started >= 45, L('fetch_data waited'), Date.now() - started);
    equal(data.structuredContent, { source: 'api', items: ['api-0', 'api-1', 'api-2'], waited_ms: 50 },
          L('fetch_data'));
    equal((await call('process_items', { items: ['a', 'b'] })).structuredContent, { result: ['A', 'B'] },
          L('process_items'));
    equal(firstText(await call('sum_of_squares', { values: [1, 2, 3] })), '14', L('sum_of_squares'));
  });
});

await example('mixed-tools', async ({ call, tools, L }) => {
  await step(L('calls'), async () => {
    const list = await tools();
    for (const name of ['add', 'word_count', 'delayed_echo', 'weather'])
      check(name in list, L(`${name} is listed`));
    equal(Number(firstText(await call('add', { a: 2, b: 3 }))), 5, L('add (sync)'));
    equal(firstText(await call('word_count', { text: 'one two three' })), '3', L('word_count (sync)'));
    equal(firstText(await call('delayed_echo', { text: 'hi', delay_ms: 20 })), 'hi', L('delayed_echo (async)'));
    equal((await call('weather', { city: 'Paris' })).structuredContent?.city, 'Paris', L('weather (async)'));
    // a slow async call does not hold up a sync one
    const slow = call('delayed_echo', { text: 'slow', delay_ms: 500 });
    const started = Date.now();
    await call('add', { a: 1, b: 1 });
    check(Date.now() - started < 400, L('a sync call answers while an async one waits'), Date.now() - started);
    await slow;
  });
});

await example('web-scraper', async ({ call, tools, L }) => {
  await step(L('scraping the demo site'), async () => {
    const list = await tools();
    equal(Object.keys(list).sort(),
          ['batch_scrape', 'demo_site', 'get_pages_scraped', 'get_stats', 'scrape_url'], L('the tools'));
    equal(list.scrape_url.outputSchema?.properties?.title !== undefined, true,
          L('scrape_url has an output schema'));
    const site = (await call('demo_site')).structuredContent;
    check(site?.pages?.length === 3, L('the demo site has three pages'), short(site));
    const page = await call('scrape_url', { url: site.pages[0] });
    equal(page.structuredContent?.title, 'Home', L('scrape_url: the title'));
    equal(page.structuredContent?.status, 200, L('scrape_url: the status'));
    equal(page.structuredContent?.links, ['/about', '/news', '/data.json'], L('scrape_url: the links'));
    const started = Date.now();
    const batch = await call('batch_scrape', {
      urls: [...site.pages, `${site.base_url}/missing`, `${site.base_url}/slow`, `${site.base_url}/slow`,
             'ftp://example.com/'],
    });
    const elapsed = Date.now() - started;
    const results = batch.structuredContent?.result ?? [];
    equal(results.map((r) => r.title ?? null), ['Home', 'About us', 'News', 'Not Found', 'Slow', 'Slow', null],
          L('batch_scrape: every page'));
    equal(results[3]?.status, 404, L('batch_scrape: the missing page is a 404'));
    check(/http:\/\/ and https:\/\//.test(results[6]?.error ?? ''), L('batch_scrape: the ftp address failed'),
          short(results[6]));
    check(elapsed < 1900, L(`batch_scrape fetched the two slow pages at once (${elapsed} ms)`), elapsed);
    const wrong = await call('scrape_url', { url: 'ftp://example.com/' });
    check(wrong.isError === true && /Only http/.test(firstText(wrong)), L('a bad address is an isError result'),
          short(wrong));
    const stats = (await call('get_stats')).structuredContent;
    equal(stats?.pages_scraped, 7, L('get_stats counts every page of every call'));
    equal(firstText(await call('get_pages_scraped')), '7', L('the pages-scraped property tool'));
  });
});

await example('module-server', async ({ call, tools, L }) => {
  await step(L('a module of functions'), async () => {
    equal(Object.keys(await tools()).sort(),
          ['capitalize_words', 'reverse', 'slugify', 'statistics', 'word_count'], L('the exported functions'));
    equal(firstText(await call('slugify', { text: 'Hello, Wörld!' })), 'hello-world', L('slugify'));
    equal(firstText(await call('reverse', { text: 'abc' })), 'cba', L('reverse'));
    equal(firstText(await call('capitalize_words', { text: 'hello big world' })), 'Hello Big World',
          L('capitalize_words'));
    equal((await call('statistics', { text: 'One. Two three!' })).structuredContent,
          { characters: 15, words: 3, lines: 1, sentences: 2 }, L('statistics'));
  });
});

await example('decorated-tools', async ({ call, tools, L }) => {
  await step(L('only the decorated functions'), async () => {
    const list = await tools();
    equal(Object.keys(list).sort(), ['calculate_bmi', 'convert_temperature', 'reset_counters'],
          L('the helper is not a tool'));
    equal(list.calculate_bmi.title, 'Body mass index', L('a title'));
    equal(list.calculate_bmi.annotations?.readOnlyHint, true, L('read-only'));
    equal(list.reset_counters.annotations?.destructiveHint, true, L('destructive'));
    equal(list.convert_temperature.inputSchema.properties.to_unit.enum, ['C', 'F', 'K'], L('an enumeration'));
    equal(Number(firstText(await call('convert_temperature', { value: 100, from_unit: 'C', to_unit: 'F' }))),
          212, L('convert_temperature'));
    equal((await call('calculate_bmi', { weight_kg: 70, height_m: 1.75 })).structuredContent,
          { bmi: 22.9, category: 'normal' }, L('calculate_bmi'));
    const wrong = await call('convert_temperature', { value: 1, from_unit: 'X', to_unit: 'C' });
    check(wrong.isError === true && /from_unit/.test(firstText(wrong)), L('a value outside the enumeration'),
          short(wrong));
  });
});

const resourceLog = await example('resource-management', async ({ call, L }) => {
  await step(L('one shared session'), async () => {
    const site = (await call('demo_site')).structuredContent;
    const first = (await call('session_info')).structuredContent;
    equal(first?.requests, 0, L('no request yet'));
    equal((await call('fetch_json', { url: site.json })).structuredContent?.site, 'demo', L('fetch_json'));
    const text = (await call('fetch_text', { url: site.base_url })).structuredContent;
    equal([text?.status, text?.content_type], [200, 'text/html'], L('fetch_text'));
    const missing = await call('fetch_json', { url: `${site.base_url}/missing` });
    check(missing.isError === true && /404/.test(firstText(missing)), L('a failed fetch is an isError result'),
          short(missing));
    const info = (await call('session_info')).structuredContent;
    equal(info?.requests, 3, L('three requests went through the session'));
    check(info?.session === first?.session && info?.open === true, L('always the same session'), short(info));
  });
});
check(/session closed after 3 requests/.test(resourceLog ?? ''),
      'resource-management: the session was closed when the server stopped', resourceLog);

await example('error-handling', async ({ call, L }) => {
  await step(L('errors'), async () => {
    let result = await call('divide', { a: 1, b: 0 });
    check(result.isError === true && firstText(result) === 'Cannot divide by zero',
          L('an exception: isError with its message'), short(result));
    result = await call('validate_age', { age: -1 });
    check(result.isError === true && /cannot be negative/.test(firstText(result)), L('validate_age -1'),
          short(result));
    equal(firstText(await call('validate_age', { age: 30 })), 'age 30 is valid', L('validate_age 30'));
    result = await call('lookup_stock', { item: 'kiwi' });
    check(result.isError === true && /No item called “kiwi”/.test(firstText(result)),
          L('an error of the application\'s own, from async code'), short(result));
    equal(firstText(await call('lookup_stock', { item: 'apple' })), '3', L('lookup_stock apple'));
    result = await call('strict_repeat', { text: 'a' });
    check(result.isError === true && /times/.test(firstText(result)), L('a missing argument is named'),
          short(result));
    try {
      result = await call('internal_failure');
      check(false, L('internal_failure: a JSON-RPC error'), short(result));
    } catch (error) {
      equal(error.code, -32603, L('internal_failure: a JSON-RPC error -32603'));
      check(/unavailable/.test(error.message), L('internal_failure: its message'), error.message);
    }
    equal((await call('safe_divide', { a: 1, b: 0 })).structuredContent,
          { ok: false, error: language === 'python' ? 'float division by zero' : 'Cannot divide by zero' },
          L('safe_divide reports the failure in its result'));
    equal(Number(firstText(await call('divide', { a: 6, b: 3 }))), 2, L('the server goes on serving'));
  });
});

await example('concurrency', async ({ call, L }) => {
  await step(L('concurrent calls'), async () => {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 20 },
      (_, i) => call('slow_task', { name: `t${i}`, ms: 100 })));
    const elapsed = performance.now() - started;
    log(`     ${language} concurrency example: 20 concurrent 100 ms calls took ${elapsed.toFixed(1)} ms`);
    check(results.every((r, i) => r.structuredContent?.name === `t${i}`), L('every task answered'));
    check(elapsed < 1000, L(`20 concurrent 100 ms calls overlap (${elapsed.toFixed(1)} ms)`), elapsed);
    const stats = (await call('stats')).structuredContent;
    check(stats?.max_in_flight >= 10, L(`up to ${stats?.max_in_flight} calls in flight at once`), short(stats));
    const work = (await call('parallel_work', { count: 5, ms: 100 })).structuredContent;
    check(work?.elapsed_ms < 250, L(`parallel_work: five 100 ms pieces in ${work?.elapsed_ms} ms`), short(work));
    const [primes, quick] = await Promise.all([
      call('count_primes', { limit: 100000 }),
      call('slow_task', { name: 'meanwhile', ms: 1 }),
    ]);
    equal(firstText(primes), '9592', L('count_primes'));
    equal(quick.structuredContent?.name, 'meanwhile', L('a call made meanwhile answered'));
  });
});

finish();
