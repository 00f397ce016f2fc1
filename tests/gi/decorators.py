#!/usr/bin/env python3
# decorators.py — the PyGObject overrides (bindings/python/gi/overrides/Mcp.py)
# in process: schemas from type hints and docstrings, argument and result
# conversion, errors, coroutines on the GLib main loop, servers from
# functions, modules and objects, and McpToolProvider subclasses.
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import dataclasses
import enum
import json
import os
import sys
import tempfile
import time
import typing
from typing import Annotated, Literal, Optional, TypedDict

import gi

gi.require_version('Mcp', '1.0')
gi.require_version('Json', '1.0')
from gi.repository import GLib, GObject, Gio, Json, Mcp  # noqa: E402

failures = []


def check(condition, what, detail=None):
    if condition:
        print('ok - %s' % what)
    else:
        failures.append(what)
        print('not ok - %s%s' % (what, '' if detail is None else ': %r' % (detail,)))


def schema_of(tool):
    return as_python(tool.to_json())


def as_python(obj):
    node = Json.Node.new(Json.NodeType.OBJECT)
    node.set_object(obj)
    return json.loads(Json.to_string(node, False))


def call(server, name, arguments=None, cancellable=None):
    """Calls a tool in process; returns the result as a dict, or the
    GLib.Error."""
    outcome = {}

    def done(source, result):
        try:
            outcome['result'] = as_python(source.call_tool_finish(result).to_json())
        except GLib.Error as error:
            outcome['error'] = error

    arguments = Json.from_string(json.dumps(arguments or {})).get_object()
    server.call_tool_async(name, arguments, cancellable, done)
    context = GLib.MainContext.default()
    while not outcome:
        context.iteration(True)
    return outcome.get('result', outcome.get('error'))


def text(result):
    return result['content'][0]['text'] if isinstance(result, dict) else result


class Colour(enum.Enum):
    RED = 'red'
    GREEN = 'green'


@dataclasses.dataclass
class Point:
    """A point in the plane.

    Args:
        x: the abscissa
        y: the ordinate
    """
    x: float
    y: float = 0.0


class Summary(TypedDict):
    count: int
    words: list[str]


def test_loaded_from_source_tree():
    module = sys.modules['gi.overrides.Mcp']
    expected = os.environ.get('PYTHONPATH', '').split(os.pathsep)[0]
    check(module.__file__.startswith(expected), 'the overrides come from %s' % expected,
          module.__file__)
    check(isinstance(Mcp.Server('a', '1'), Mcp.Server) and hasattr(Mcp, 'aio'),
          'Mcp has the overrides (Server, aio, tool)')


def test_schemas():
    server = Mcp.Server('schemas', '1.0')

    @server.tool
    def simple(a: int, b: float, c: str, d: bool, e: bytes = b'') -> str:
        """Does simple things.

        Over two paragraphs.

        Args:
            a: an integer
            b: a number, described
                on two lines
            c (str): a string
            d: a boolean
            e: some bytes

        Returns:
            a text
        """
        return ''

    described = schema_of(server.lookup_tool('simple'))
    check(described['description'] == 'Does simple things.\n\nOver two paragraphs.',
          'the description is the docstring without its sections', described['description'])
    properties = described['inputSchema']['properties']
    check([properties[k]['type'] for k in 'abcde'] ==
          ['integer', 'number', 'string', 'boolean', 'string'],
          'int, float, str, bool, bytes map to JSON types', properties)
    check(properties['b']['description'] == 'a number, described on two lines',
          'Google-style argument descriptions, continued lines', properties['b'])
    check(properties['c']['description'] == 'a string', 'a type in parentheses is dropped')
    check(properties['e'].get('contentEncoding') == 'base64' and properties['e']['default'] == '',
          'bytes are base64 with a default', properties['e'])
    check(described['inputSchema']['required'] == ['a', 'b', 'c', 'd'],
          'arguments without a default are required', described['inputSchema'])
    check(described['inputSchema']['additionalProperties'] is False,
          'no other arguments are accepted')
    check('outputSchema' not in described, 'a text result has no output schema')

    @server.tool(name='rich', title='Rich', read_only=True, idempotent=True)
    def rich_tool(colour: Colour,
                  level: Mcp.LogLevel,
                  mode: Literal['fast', 'slow'] = 'fast',
                  tags: Optional[list[str]] = None,
                  weights: dict[str, float] = None,
                  pair: tuple[int, str] = (1, 'a'),
                  point: Point = None,
                  count: Annotated[int, 'how many', {'minimum': 1}] = 1,
                  context: Mcp.RequestContext = None,
                  cancellable: Gio.Cancellable = None) -> Summary:
        """Rich arguments.

        :param colour: the colour
        :param level: how loud
        """
        return {'count': count, 'words': []}

    described = schema_of(server.lookup_tool('rich'))
    properties = described['inputSchema']['properties']
    check(described.get('title') == 'Rich' and
          described.get('annotations') == {'readOnlyHint': True, 'idempotentHint': True},
          'title and annotations from the decorator', described)
    check(properties['colour'] == {'type': 'string', 'enum': ['red', 'green'],
                                   'description': 'the colour'},
          'a Python Enum is an enumeration of its values; Sphinx :param:', properties['colour'])
    check(properties['level']['enum'][:2] == ['debug', 'info'] and
          properties['level']['type'] == 'string',
          'a GObject enumeration is an enumeration of its nicks', properties['level'])
    check(properties['mode'] == {'type': 'string', 'enum': ['fast', 'slow'], 'default': 'fast'},
          'Literal is an enumeration', properties['mode'])
    check(properties['tags'] == {'anyOf': [{'type': 'array', 'items': {'type': 'string'}},
                                           {'type': 'null'}], 'default': None},
          'Optional[list[str]] is nullable', properties['tags'])
    check(properties['weights']['additionalProperties'] == {'type': 'number'},
          'dict[str, float] is an object of numbers', properties['weights'])
    check(properties['pair']['prefixItems'] == [{'type': 'integer'}, {'type': 'string'}] and
          properties['pair']['default'] == [1, 'a'],
          'tuple[int, str] has prefixItems', properties['pair'])
    check(properties['point']['properties']['x'] == {'type': 'number',
                                                      'description': 'the abscissa'} and
          properties['point']['required'] == ['x'],
          'a dataclass is an object described from its fields and docstring',
          properties['point'])
    check(properties['count'] == {'type': 'integer', 'description': 'how many', 'minimum': 1,
                                  'default': 1},
          'Annotated adds a description and schema keywords', properties['count'])
    check('context' not in properties and 'cancellable' not in properties,
          'Mcp.RequestContext and Gio.Cancellable arguments are not in the schema')
    check(described['inputSchema']['required'] == ['colour', 'level'], 'required arguments',
          described['inputSchema'].get('required'))
    check(described['outputSchema'] == {'type': 'object',
                                        'properties': {'count': {'type': 'integer'},
                                                       'words': {'type': 'array',
                                                                 'items': {'type': 'string'}}},
                                        'required': ['count', 'words']},
          'a TypedDict result is the output schema', described.get('outputSchema'))

    @server.tool
    def numpy_style(alpha: int) -> list[int]:
        """NumPy style.

        Parameters
        ----------
        alpha : int
            The first letter.

        Returns
        -------
        list
            Numbers.
        """
        return [alpha]

    described = schema_of(server.lookup_tool('numpy_style'))
    check(described['inputSchema']['properties']['alpha'].get('description') == 'The first letter.',
          'NumPy-style argument descriptions', described['inputSchema']['properties']['alpha'])
    check(described['outputSchema'] == {'type': 'object', 'required': ['result'],
                                        'properties': {'result': {
                                            'type': 'array', 'items': {'type': 'integer'},
                                            'description': 'Numbers.'}}},
          'a list result is wrapped in {"result": …}', described.get('outputSchema'))
    return server


def test_calls(server):
    @server.tool
    def convert(colour: Colour, level: Mcp.LogLevel, point: Point, data: bytes,
                pair: tuple[int, str], flags: Optional[set[str]] = None) -> dict:
        return {'colour': type(colour).__name__ + '.' + colour.name,
                'level': level.value_nick,
                'is_point': isinstance(point, Point), 'norm': (point.x ** 2 + point.y ** 2) ** 0.5,
                'data': data.decode(), 'pair': type(pair).__name__,
                'flags': sorted(flags) if flags is not None else None}

    result = call(server, 'convert', {'colour': 'green', 'level': 'warning',
                                      'point': {'x': 3, 'y': 4}, 'data': 'aGk=',
                                      'pair': [2, 'b'], 'flags': ['b', 'a']})
    check(result.get('structuredContent') == {'colour': 'Colour.GREEN', 'level': 'warning',
                                              'is_point': True, 'norm': 5.0, 'data': 'hi',
                                              'pair': 'tuple', 'flags': ['a', 'b']},
          'arguments are converted to the hinted types', result)
    check(json.loads(text(result)) == result['structuredContent'],
          'structured results are repeated as text')

    @server.tool
    def results(kind: str):
        values = {'none': None, 'int': 42, 'float': 0.5, 'bool': True, 'str': 'hi',
                  'list': [1, 2], 'dict': {'a': 1}, 'point': Point(1, 2), 'enum': Colour.RED,
                  'gienum': Mcp.LogLevel.ERROR, 'bytes': b'hi',
                  'toolresult': Mcp.ToolResult.new_text('made by hand')}
        return values[kind]

    expected = {'none': [], 'int': '42', 'float': '0.5', 'bool': 'true', 'str': 'hi',
                'enum': 'red', 'gienum': 'error', 'bytes': 'aGk=', 'toolresult': 'made by hand'}
    for kind, want in expected.items():
        result = call(server, 'results', {'kind': kind})
        got = result['content'] if want == [] else text(result)
        check(got == want and 'structuredContent' not in result,
              'a %s result is sent as text %r' % (kind, want), result)
    @server.tool
    def levels(level: Mcp.LogLevel = Mcp.LogLevel.WARNING) -> dict:
        return {'level': level, 'both': [Mcp.LogLevel.ERROR, Colour.GREEN]}

    described = schema_of(server.lookup_tool('levels'))
    check(described['inputSchema']['properties']['level'].get('default') == 'warning',
          'a GObject enumeration default is its nick', described['inputSchema'])
    result = call(server, 'levels')
    check(result.get('structuredContent') == {'level': 'warning', 'both': ['error', 'green']},
          'enumerations in structured results: nicks and values', result)

    for kind, want in {'list': {'result': [1, 2]}, 'dict': {'a': 1},
                       'point': {'x': 1, 'y': 2}}.items():
        result = call(server, 'results', {'kind': kind})
        check(result.get('structuredContent') == want,
              'a %s result is structured content %r' % (kind, want), result)


def test_errors():
    server = Mcp.Server('errors', '1.0')

    @server.tool
    def divide(a: float, b: float) -> float:
        return a / b

    @server.tool
    async def later_fails(message: str) -> str:
        await Mcp.aio.sleep(0.01)
        raise RuntimeError(message)

    @server.tool
    def protocol_error() -> str:
        raise GLib.Error.new_literal(Mcp.error_quark(), 'not like that',
                                     Mcp.Error.INVALID_PARAMS)

    @server.tool
    def gio_error() -> str:
        raise GLib.Error.new_literal(Gio.io_error_quark(), 'no such thing',
                                     Gio.IOErrorEnum.NOT_FOUND)

    @server.tool
    def lookup(key: str) -> str:
        return {}[key]

    @server.tool
    def not_json() -> dict:
        return {'value': object()}

    result = call(server, 'divide', {'a': 1, 'b': 0})
    check(result.get('isError') is True and text(result) == 'float division by zero',
          'an exception is an isError result with its message', result)
    result = call(server, 'later_fails', {'message': 'it broke'})
    check(result.get('isError') is True and text(result) == 'it broke',
          'an exception in a coroutine is an isError result with its message', result)
    # In process, a GLib.Error comes back as it is; over a transport it is
    # an isError result (the interop tests check that).
    error = call(server, 'gio_error')
    check(isinstance(error, GLib.Error) and
          error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND),
          'a GLib.Error is the call\'s error', error)
    result = call(server, 'lookup', {'key': 'colour'})
    check(result.get('isError') is True and text(result) == 'KeyError: colour',
          'a KeyError names the key', result)
    result = call(server, 'not_json')
    check(result.get('isError') is True and 'not a JSON value' in text(result),
          'a result that is not JSON is an error', result)
    error = call(server, 'protocol_error')
    check(isinstance(error, GLib.Error) and
          error.matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS),
          'an Mcp.Error becomes a JSON-RPC error', error)
    error = call(server, 'divide', {'a': 1, 'b': 'x'})
    check(isinstance(error, GLib.Error) and 'Invalid argument “b”' in error.message,
          'arguments are checked before the function runs', error)


def test_coroutines():
    server = Mcp.Server('coroutines', '1.0')
    events = []

    @server.tool
    async def nap(seconds: float = 0.1) -> str:
        await Mcp.aio.sleep(seconds)
        return 'rested'

    path = os.path.join(tempfile.mkdtemp(), 'file.txt')
    with open(path, 'w') as f:
        f.write('file contents')

    @server.tool
    async def read_file(name: str) -> str:
        gfile = Gio.File.new_for_path(name)
        ok, contents, etag = await Mcp.aio.call(gfile.load_contents_async, None)
        return contents.decode()

    async def square(x):
        await Mcp.aio.sleep(0.01 * (3 - x))
        return x * x

    @server.tool
    async def squares() -> list[int]:
        return await Mcp.aio.gather(square(0), square(1), square(2))

    @server.tool
    async def in_thread() -> str:
        return await Mcp.aio.to_thread(lambda: (time.sleep(0.05), 'from a thread')[1])

    @server.tool(run_in_thread=True)
    def blocking() -> str:
        time.sleep(0.05)
        return 'blocked elsewhere'

    @server.tool
    async def cancellable(seconds: float = 5.0) -> str:
        try:
            await Mcp.aio.sleep(seconds)
        except GLib.Error as error:
            events.append(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))
            raise
        return 'not cancelled'

    @server.tool
    async def future() -> str:
        waiting = Mcp.aio.Future()
        GLib.timeout_add(10, lambda: waiting.set_result('resolved by hand'))
        return await waiting

    @server.tool
    async def bad_await() -> str:
        import asyncio
        await asyncio.sleep(1)
        return 'never'

    start = time.monotonic()
    check(text(call(server, 'nap')) == 'rested' and time.monotonic() - start >= 0.1,
          'an async def tool awaits Mcp.aio.sleep')
    check(text(call(server, 'read_file', {'name': path})) == 'file contents',
          'Mcp.aio.call awaits a Gio _async/_finish pair')
    check(call(server, 'squares')['structuredContent'] == {'result': [0, 1, 4]},
          'Mcp.aio.gather keeps the order')
    check(text(call(server, 'in_thread')) == 'from a thread', 'Mcp.aio.to_thread')
    check(text(call(server, 'blocking')) == 'blocked elsewhere', 'run_in_thread=True')
    check(text(call(server, 'future')) == 'resolved by hand', 'an Mcp.aio.Future')
    result = call(server, 'bad_await')
    check(result.get('isError') is True and 'cannot wait for' in text(result),
          'awaiting an asyncio object is a clear error', text(result))

    cancel = Gio.Cancellable()
    GLib.timeout_add(50, lambda: cancel.cancel())
    start = time.monotonic()
    error = call(server, 'cancellable', {}, cancel)
    elapsed = time.monotonic() - start
    check(events == [True] and elapsed < 1,
          'cancelling the call cancels the coroutine (%.0f ms)' % (elapsed * 1000),
          (events, error))

    # a Gio operation started with Mcp.aio.call() and no cancellable of its
    # own is cancelled with the call: a request to a server that never
    # answers ends at once
    gi.require_version('Soup', '3.0')
    from gi.repository import Soup
    site = Soup.Server()
    held = []
    site.add_handler(None, lambda server, message, path, query: (message.pause(),
                                                                  held.append(message)))
    site.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY)
    port = site.get_listeners()[0].get_local_address().get_port()
    session = Soup.Session()
    outcome = []

    @server.tool
    async def fetch_forever() -> str:
        message = Soup.Message.new('GET', 'http://127.0.0.1:%d/' % port)
        try:
            await Mcp.aio.call(session.send_and_read_async, message, GLib.PRIORITY_DEFAULT, None)
        except GLib.Error as error:
            outcome.append(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))
            raise
        return 'answered'

    cancel = Gio.Cancellable()
    GLib.timeout_add(200, lambda: cancel.cancel())
    start = time.monotonic()
    call(server, 'fetch_forever', {}, cancel)
    elapsed = time.monotonic() - start
    check(outcome == [True] and len(held) == 1 and elapsed < 1,
          'cancelling the call cancels the Gio operation it awaits (%.0f ms)' % (elapsed * 1000),
          (outcome, len(held)))
    for message in held:
        message.set_status(200, None)
        message.unpause()
    site.disconnect()

    # twenty concurrent 100 ms calls
    done = []
    start = time.monotonic()
    for _ in range(20):
        server.call_tool_async('nap', Json.from_string('{"seconds":0.1}').get_object(), None,
                               lambda source, result: done.append(source.call_tool_finish(result)))
    context = GLib.MainContext.default()
    while len(done) < 20:
        context.iteration(True)
    elapsed = time.monotonic() - start
    print('# python in process: 20 concurrent 100 ms calls took %.1f ms' % (elapsed * 1000))
    check(elapsed < 0.3, '20 concurrent 100 ms calls within 300 ms (%.1f ms)' % (elapsed * 1000))

    check(Mcp.aio.run(square(3)) == 9, 'Mcp.aio.run runs a coroutine to its end')
    result = Mcp.aio.run(server.call_tool('squares'))
    check(result.to_dict().get('structuredContent') == {'result': [0, 1, 4]},
          'server.call_tool() and ToolResult.to_dict()', result.to_dict())
    try:
        Mcp.aio.run(server.call_tool('nap', {'seconds': 'long'}))
        check(False, 'server.call_tool() checks the arguments')
    except GLib.Error as error:
        check(error.matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS),
              'server.call_tool() checks the arguments', error)


def utility_module(marked):
    directory = tempfile.mkdtemp()
    path = os.path.join(directory, 'my_utils.py')
    with open(path, 'w') as f:
        f.write('from gi.repository import Mcp\n'
                'import os.path\n'
                'from os.path import join\n'
                '%s\n'
                'def shout(text: str) -> str:\n'
                '    """Shouts."""\n'
                '    return text.upper()\n'
                'def whisper(text: str) -> str:\n'
                '    return text.lower()\n'
                'def _private():\n'
                '    pass\n' % ('@Mcp.tool' if marked else ''))
    return path


def test_factories():
    server = Mcp.Server.from_module(utility_module(False))
    names = sorted(t.get_name() for t in server.list_tools())
    check(server.props.name == 'my-utils' and names == ['shout', 'whisper'],
          'a module of functions: its public functions are tools, not imported ones',
          (server.props.name, names))
    check(text(call(server, 'shout', {'text': 'hey'})) == 'HEY', 'calling a module function')
    server = Mcp.Server('marked', '1.0')
    server.add_module(utility_module(True))
    check([t.get_name() for t in server.list_tools()] == ['shout'],
          'when a function is marked with @Mcp.tool, only marked ones are tools')

    server = Mcp.Server.from_functions({'plus': lambda a, b: a + b, 'minus': lambda a, b: a - b})
    check(sorted(t.get_name() for t in server.list_tools()) == ['minus', 'plus'] and
          text(call(server, 'plus', {'a': 2, 'b': 3})) == '5',
          'from_functions with names; untyped arguments accept any value')

    class Shop:
        def __init__(self):
            self.items = []

        def add(self, item: str) -> int:
            """Adds an item."""
            self.items.append(item)
            return len(self.items)

        async def count(self) -> int:
            await Mcp.aio.sleep(0.001)
            return len(self.items)

        def _secret(self):
            pass

    shop = Shop()
    server = Mcp.Server.from_object(shop)
    check(server.props.name == 'Shop' and
          sorted(t.get_name() for t in server.list_tools()) == ['add', 'count'],
          'an object: its public methods are tools')
    call(server, 'add', {'item': 'milk'})
    check(text(call(server, 'count')) == '1' and shop.items == ['milk'],
          'one object keeps its state across calls')


class Scraper(Mcp.ToolProvider):
    """A provider with synchronous, asynchronous and static methods."""

    pages = GObject.Property(type=int, default=0, minimum=0, blurb='Pages fetched')

    def __init__(self):
        super().__init__()
        self.visited = []

    async def fetch(self, url: str, delay: float = 0.01) -> dict:
        """Fetches a page.

        Args:
            url: where
            delay: how long it takes
        """
        await Mcp.aio.sleep(delay)
        self.visited.append(url)
        self.pages += 1
        return {'url': url, 'title': 'Title of ' + url}

    def stats(self) -> dict:
        """Statistics."""
        return {'visited': list(self.visited)}

    @staticmethod
    def version() -> str:
        return '2.0'

    def fail(self, message: str) -> str:
        raise ValueError(message)


class Marked(Mcp.ToolProvider):
    @Mcp.tool(name='hello', description='Greets')
    def greet(self, name: str) -> str:
        return 'Hello, %s' % name

    def helper(self) -> str:
        return 'not a tool'


class Derived(Scraper):
    def extra(self) -> str:
        return 'extra'


class HandWritten(Mcp.ToolProvider):
    def __init__(self):
        super().__init__()
        self.mine = [Mcp.Tool.new('by_hand', 'Dispatched by hand')]

    def public_but_not_a_tool(self):
        pass

    def do_list_tools(self):
        return self.mine

    def do_handle_call(self, tool, invocation):
        invocation.return_text('handled')


def test_providers():
    server = Mcp.Server('providers', '1.0')
    scraper = Scraper()
    server.add_provider(scraper)
    names = sorted(t.get_name() for t in server.list_tools())
    check(names == ['fail', 'fetch', 'get_pages', 'set_pages', 'stats', 'version'],
          'a provider subclass: methods and property tools', names)
    described = schema_of(server.lookup_tool('fetch'))
    check(described['inputSchema']['properties']['url'] == {'type': 'string',
                                                             'description': 'where'} and
          described['description'] == 'Fetches a page.',
          'method schemas from hints and docstrings', described)
    result = call(server, 'fetch', {'url': 'a'})
    check(result.get('structuredContent') == {'url': 'a', 'title': 'Title of a'},
          'an async method', result)
    check(call(server, 'stats')['structuredContent'] == {'visited': ['a']},
          'a sync method sees what the async one did')
    check(text(call(server, 'get_pages')) == '1' and scraper.pages == 1,
          'the property changed and its tool says so')
    check(text(call(server, 'version')) == '2.0', 'a static method')
    result = call(server, 'fail', {'message': 'broken'})
    check(result.get('isError') is True and text(result) == 'broken',
          'an exception in a method is an isError result')

    # twenty concurrent calls of the async method
    done = []
    start = time.monotonic()
    for i in range(20):
        server.call_tool_async('fetch', Json.from_string(
            '{"url":"u%d","delay":0.1}' % i).get_object(), None,
            lambda source, result: done.append(source.call_tool_finish(result)))
    while len(done) < 20:
        GLib.MainContext.default().iteration(True)
    elapsed = time.monotonic() - start
    print('# python provider in process: 20 concurrent 100 ms calls took %.1f ms'
          % (elapsed * 1000))
    check(elapsed < 0.3 and scraper.pages == 21,
          'async methods run concurrently (%.1f ms)' % (elapsed * 1000))

    marked = Marked()
    server.add_provider(marked)
    check(server.lookup_tool('hello') is not None and server.lookup_tool('helper') is None,
          'only marked methods are tools when any is marked')
    check(text(call(server, 'hello', {'name': 'Ada'})) == 'Hello, Ada', 'a renamed method')

    other = Mcp.Server('derived', '1.0')
    other.add_provider(Derived())
    check(other.lookup_tool('extra') is not None and other.lookup_tool('fetch') is not None,
          'a subclass has the tools of its Python base class and its own')

    other.add_provider(HandWritten())
    check(other.lookup_tool('by_hand') is not None and
          other.lookup_tool('public_but_not_a_tool') is None and
          text(call(other, 'by_hand')) == 'handled',
          'a class with its own do_list_tools/do_handle_call is left alone')


def main():
    test_loaded_from_source_tree()
    server = test_schemas()
    test_calls(server)
    test_errors()
    test_coroutines()
    test_factories()
    test_providers()
    if failures:
        print('# %d checks failed: %s' % (len(failures), ', '.join(failures)))
        return 1
    print('# all checks passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
