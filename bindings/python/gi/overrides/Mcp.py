# Mcp.py — PyGObject overrides for makemcp-glib (namespace Mcp-1.0)
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# PyGObject loads this module when a program does
# `from gi.repository import Mcp`. It adds what Python users expect from
# MakeMCP on top of the typelib:
#
#   - the @Mcp.tool decorator and @server.tool: a tool's name, description
#     and JSON schemas come from the function's name, docstring and type
#     hints;
#   - `async def` tools, run as coroutines on the GLib main loop
#     (Mcp.aio: sleep, call for Gio _async/_finish pairs, gather,
#     to_thread);
#   - servers made of functions, of a module, of an object's methods;
#   - McpToolProvider subclasses whose (decorated) methods are tools;
#   - exceptions turned into tool results with isError and the message;
#   - Server.run() with MakeMCP's transport/host/port arguments.

import base64
import dataclasses
import enum
import functools
import importlib
import importlib.util
import inspect
import json
import logging
import os
import re
import sys
import threading
import types
import typing

from gi.repository import GLib, GObject, Gio, Json

from ..module import get_introspection_module
from ..overrides import override

Mcp = get_introspection_module('Mcp')

__all__ = []

_log = logging.getLogger('Mcp')


# ---------------------------------------------------------------------------
# JSON between json-glib and Python

def _json_object_to_python(obj):
    """A Json.Object as a Python dict (None gives an empty dict)."""
    if obj is None:
        return {}
    node = Json.Node.new(Json.NodeType.OBJECT)
    node.set_object(obj)
    return json.loads(Json.to_string(node, False))


def _json_node_to_python(node):
    if node is None:
        return None
    return json.loads(Json.to_string(node, False))


def _python_to_json_node(value):
    """A JSON-able Python value as a Json.Node."""
    return Json.from_string(json.dumps(_jsonable(value), allow_nan=False))


def _jsonable(value):
    """Python values that are not JSON types, made JSON: dataclasses as
    objects, enumerations by value (GObject ones by nick), bytes as base64,
    tuples and sets as arrays, Json.Node and Json.Object as what they hold,
    GLib.Variant unpacked."""
    # GObject enumerations and flags are ints, and IntEnum members too:
    # look at them first.
    if isinstance(value, GObject.GEnum):
        return value.value_nick
    if isinstance(value, GObject.GFlags):
        return [v.value_nick for v in _flag_values(type(value)) if value & v]
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, enum.Enum):
            return _jsonable(value.value)
        return value
    if isinstance(value, enum.Enum):
        return _jsonable(value.value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode('ascii')
    if isinstance(value, GLib.Bytes):
        return base64.b64encode(value.get_data() or b'').decode('ascii')
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Json.Node):
        return _json_node_to_python(value)
    if isinstance(value, Json.Object):
        return _json_object_to_python(value)
    if isinstance(value, GLib.Variant):
        return _jsonable(value.unpack())
    raise TypeError('%s is not a JSON value' % type(value).__name__)


def _flag_values(flags_type):
    values = []
    for value in flags_type.__flags_values__.values():
        if value and bin(int(value)).count('1') == 1:
            values.append(value)
    return values


# ---------------------------------------------------------------------------
# Docstrings: a summary, and the arguments' and result's descriptions in
# Google ("Args:"), NumPy ("Parameters" + dashes) or Sphinx (":param x:")
# style.

_SECTION_ARGS = ('args', 'arguments', 'parameters', 'params', 'keyword args',
                 'keyword arguments')
_SECTION_RETURNS = ('returns', 'return', 'yields')
_SECTION_OTHER = ('raises', 'raise', 'examples', 'example', 'notes', 'note',
                  'see also', 'attributes', 'warning', 'warnings', 'todo')


def _parse_docstring(doc):
    """Returns (summary, {argument: description}, returns description)."""
    if not doc:
        return '', {}, ''
    lines = inspect.cleandoc(doc).splitlines()
    known = _SECTION_ARGS + _SECTION_RETURNS + _SECTION_OTHER
    summary_lines = []
    params = {}
    returns = []
    section = None     # None (summary), 'args', 'returns', 'other', 'sphinx'
    style = None       # 'google' or 'numpy'
    base = None        # indentation of the entries of the section
    current = None
    i = 0

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        lower = stripped.rstrip(':').strip().lower()

        # Section headers: "Args:" (Google), "Parameters" + dashes (NumPy)
        numpy = (i + 1 < len(lines) and re.fullmatch(r'-{3,}', lines[i + 1].strip())
                 and lower in known)
        if numpy or (stripped.endswith(':') and lower in known and indent == 0):
            section = ('args' if lower in _SECTION_ARGS else
                       'returns' if lower in _SECTION_RETURNS else 'other')
            style = 'numpy' if numpy else 'google'
            base = None
            current = None
            i += 2 if numpy else 1
            continue

        # Sphinx fields
        field = re.match(r':(param|parameter|arg|argument|key|keyword)\s+(?:[^:]*\s)?(\w+)\s*:\s*(.*)',
                         stripped)
        if field:
            section, current = 'sphinx', field.group(2)
            params[current] = field.group(3).strip()
            i += 1
            continue
        field = re.match(r':returns?\s*:\s*(.*)', stripped)
        if field:
            section, current = 'sphinx-returns', None
            returns = [field.group(1).strip()]
            i += 1
            continue
        if re.match(r':(raises?|rtype|type|var|ivar|cvar)\b', stripped):
            section, current = 'other', None
            i += 1
            continue

        if section is None:
            summary_lines.append(line)
        elif not stripped:
            pass
        elif section == 'args':
            if base is None:
                base = indent
            if indent <= base:
                if style == 'numpy':
                    match = re.match(r'\*{0,2}(\w+)\s*(?::.*)?$', stripped)
                    text = ''
                else:
                    match = re.match(r'\*{0,2}(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$', stripped)
                    text = match.group(2).strip() if match else ''
                if match:
                    current = match.group(1)
                    params[current] = text
            elif current is not None:
                params[current] = (params[current] + ' ' + stripped).strip()
        elif section == 'sphinx':
            if indent > 0 and current is not None:
                params[current] = (params[current] + ' ' + stripped).strip()
            else:
                section, current = None, None
                summary_lines.append(line)
        elif section == 'returns':
            if base is None:
                base = indent
            if style == 'numpy' and indent <= base:
                pass  # the type of the result
            else:
                returns.append(stripped)
        elif section == 'sphinx-returns':
            if indent > 0:
                returns.append(stripped)
            else:
                section = None
                summary_lines.append(line)
        i += 1

    summary = '\n'.join(summary_lines).strip()
    # paragraphs separated by blank lines, each made one line
    paragraphs = [' '.join(p.split()) for p in re.split(r'\n\s*\n', summary) if p.strip()]
    returns_text = ' '.join(returns)
    if style == 'google':
        # "Returns:" may start with "type: text"
        match = re.match(r'^[\w\[\], .|]+:\s+(.*)$', returns_text)
        if match:
            returns_text = match.group(1)
    return '\n\n'.join(paragraphs), params, returns_text


# ---------------------------------------------------------------------------
# Type hints → JSON Schema

_NoneType = type(None)


def _is_typeddict(tp):
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, '__total__') \
        and hasattr(tp, '__annotations__')


def _type_hints(obj):
    try:
        return typing.get_type_hints(obj, include_extras=True)
    except Exception:  # forward references that cannot be resolved
        return {name: (None if isinstance(hint, str) else hint)
                for name, hint in getattr(obj, '__annotations__', {}).items()}


def _json_type_of(values):
    types_ = set()
    for value in values:
        if isinstance(value, bool):
            types_.add('boolean')
        elif isinstance(value, int):
            types_.add('integer')
        elif isinstance(value, float):
            types_.add('number')
        elif isinstance(value, str):
            types_.add('string')
        elif value is None:
            types_.add('null')
        else:
            return None
    if types_ == {'integer', 'number'}:
        return 'number'
    return types_.pop() if len(types_) == 1 else None


def _enum_schema(values):
    schema = {}
    json_type = _json_type_of(values)
    if json_type is not None:
        schema['type'] = json_type
    schema['enum'] = list(values)
    return schema


def _schema_for(tp, _seen=None):
    """The JSON Schema of a type hint; {} (any value) when there is no
    mapping."""
    _seen = _seen or set()
    if tp is None or tp is inspect.Parameter.empty or tp is typing.Any or tp is object:
        return {}
    if tp is _NoneType:
        return {'type': 'null'}
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)

    if origin is typing.Annotated:
        schema = dict(_schema_for(args[0], _seen))
        for extra in args[1:]:
            if isinstance(extra, str):
                schema['description'] = extra
            elif isinstance(extra, dict):
                schema.update(extra)
        return schema
    if origin is typing.Literal:
        return _enum_schema([_jsonable(a) for a in args])
    if origin is typing.Union or (hasattr(types, 'UnionType') and isinstance(tp, types.UnionType)):
        members = [a for a in args if a is not _NoneType]
        schemas = [_schema_for(a, _seen) for a in members]
        if _NoneType in args:
            schemas.append({'type': 'null'})
        if any(s == {} for s in schemas):
            return {}
        return schemas[0] if len(schemas) == 1 else {'anyOf': schemas}
    if origin in (list, typing.List, set, frozenset, typing.Sequence, typing.MutableSequence,
                  typing.AbstractSet, typing.Iterable, typing.Collection) or \
            (origin is not None and isinstance(origin, type) and
             issubclass(origin, (list, set, frozenset)) and origin is not tuple):
        schema = {'type': 'array'}
        if args and _schema_for(args[0], _seen) != {}:
            schema['items'] = _schema_for(args[0], _seen)
        if origin in (set, frozenset, typing.AbstractSet):
            schema['uniqueItems'] = True
        return schema
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {'type': 'array', 'items': _schema_for(args[0], _seen)}
        if not args:
            return {'type': 'array'}
        return {'type': 'array', 'prefixItems': [_schema_for(a, _seen) for a in args],
                'minItems': len(args), 'maxItems': len(args)}
    if origin in (dict, typing.Dict, typing.Mapping, typing.MutableMapping) or \
            (origin is not None and isinstance(origin, type) and issubclass(origin, dict)):
        schema = {'type': 'object'}
        if len(args) == 2 and _schema_for(args[1], _seen) != {}:
            schema['additionalProperties'] = _schema_for(args[1], _seen)
        return schema

    if not isinstance(tp, type):
        return {}
    if tp is bool:
        return {'type': 'boolean'}
    if issubclass(tp, GObject.GFlags):
        return {'type': 'array', 'uniqueItems': True,
                'items': {'type': 'string', 'enum': [v.value_nick for v in _flag_values(tp)]}}
    if issubclass(tp, GObject.GEnum):
        return {'type': 'string',
                'enum': [v.value_nick for v in sorted(tp.__enum_values__.values(), key=int)]}
    if issubclass(tp, enum.Enum):
        return _enum_schema([_jsonable(m.value) for m in tp])
    if tp is int:
        return {'type': 'integer'}
    if tp is float:
        return {'type': 'number'}
    if tp is str:
        return {'type': 'string'}
    if tp in (bytes, bytearray, GLib.Bytes):
        return {'type': 'string', 'contentEncoding': 'base64'}
    if tp in (list, tuple, set, frozenset):
        return {'type': 'array'}
    if tp in (dict, Json.Object):
        return {'type': 'object'}
    if tp is Json.Node:
        return {}
    if tp in _seen:  # a recursive type: stop describing
        return {'type': 'object'}
    if _is_typeddict(tp):
        hints = _type_hints(tp)
        required = getattr(tp, '__required_keys__', frozenset(hints) if tp.__total__ else ())
        schema = {'type': 'object',
                  'properties': {k: _schema_for(v, _seen | {tp}) for k, v in hints.items()}}
        if required:
            schema['required'] = [k for k in hints if k in required]
        return schema
    if dataclasses.is_dataclass(tp):
        hints = _type_hints(tp)
        properties = {}
        required = []
        summary, described, _ = _parse_docstring(tp.__doc__ if tp.__doc__ and
                                                 not tp.__doc__.startswith(tp.__name__ + '(')
                                                 else '')
        for field in dataclasses.fields(tp):
            if not field.init:
                continue
            prop = dict(_schema_for(hints.get(field.name), _seen | {tp}))
            if field.name in described and described[field.name]:
                prop['description'] = described[field.name]
            if field.default is not dataclasses.MISSING:
                try:
                    prop['default'] = _jsonable(field.default)
                except TypeError:
                    pass
            elif field.default_factory is dataclasses.MISSING:
                required.append(field.name)
            properties[field.name] = prop
        schema = {'type': 'object', 'properties': properties}
        if required:
            schema['required'] = required
        if summary:
            schema['description'] = summary
        return schema
    return {}


def _is_object_type(tp):
    """Whether a return type hint is sent as structuredContent itself (a
    JSON object), as opposed to wrapped in {"result": …} or as text."""
    if typing.get_origin(tp) is typing.Annotated:
        return _is_object_type(typing.get_args(tp)[0])
    origin = typing.get_origin(tp)
    if origin in (dict, typing.Dict, typing.Mapping, typing.MutableMapping):
        return True
    if not isinstance(tp, type):
        return False
    return tp in (dict, Json.Object) or _is_typeddict(tp) or dataclasses.is_dataclass(tp)


def _is_text_type(tp):
    if typing.get_origin(tp) is typing.Annotated:
        return _is_text_type(typing.get_args(tp)[0])
    if typing.get_origin(tp) is typing.Literal:
        return True
    if not isinstance(tp, type):
        return False
    return tp in (str, int, float, bool, bytes, bytearray, GLib.Bytes) or \
        issubclass(tp, (enum.Enum, GObject.GEnum, GObject.GFlags))


# ---------------------------------------------------------------------------
# JSON arguments → Python values of the hinted types

def _from_json(value, tp):
    if value is None or tp is None or tp is inspect.Parameter.empty or tp is typing.Any:
        return value
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _from_json(value, args[0])
    if origin is typing.Literal:
        return value
    if origin is typing.Union or (hasattr(types, 'UnionType') and isinstance(tp, types.UnionType)):
        for member in args:
            if member is _NoneType:
                continue
            if _matches_json(value, member):
                return _from_json(value, member)
        return value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_json(v, args[0]) for v in value)
        if args:
            return tuple(_from_json(v, t) for v, t in zip(value, args))
        return tuple(value)
    if origin in (set, frozenset, typing.AbstractSet):
        return origin(_from_json(v, args[0] if args else None) for v in value) \
            if origin in (set, frozenset) else set(value)
    if origin in (list, typing.List, typing.Sequence, typing.MutableSequence,
                  typing.Iterable, typing.Collection):
        return [_from_json(v, args[0] if args else None) for v in value]
    if origin in (dict, typing.Dict, typing.Mapping, typing.MutableMapping):
        if len(args) == 2:
            return {k: _from_json(v, args[1]) for k, v in value.items()}
        return dict(value)
    if not isinstance(tp, type):
        return value
    if tp is float and isinstance(value, int):
        return float(value)
    if tp in (bytes, bytearray):
        return tp(base64.b64decode(value))
    if tp is GLib.Bytes:
        return GLib.Bytes.new(base64.b64decode(value))
    if tp in (tuple, set, frozenset):
        return tp(value)
    if issubclass(tp, GObject.GFlags):
        result = 0
        by_nick = {v.value_nick: v for v in _flag_values(tp)}
        for nick in value:
            result |= int(by_nick[nick])
        return tp(result)
    if issubclass(tp, GObject.GEnum):
        for member in tp.__enum_values__.values():
            if member.value_nick == value:
                return member
        return value
    if issubclass(tp, enum.Enum):
        return tp(value)
    if tp is Json.Object:
        return _python_to_json_node(value).get_object()
    if tp is Json.Node:
        return _python_to_json_node(value)
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        hints = _type_hints(tp)
        return tp(**{k: _from_json(v, hints.get(k)) for k, v in value.items()})
    if _is_typeddict(tp) and isinstance(value, dict):
        hints = _type_hints(tp)
        return {k: _from_json(v, hints.get(k)) for k, v in value.items()}
    return value


def _matches_json(value, tp):
    schema = _schema_for(tp)
    kind = schema.get('type')
    if 'anyOf' in schema or kind is None:
        return True
    if kind == 'null':
        return value is None
    checks = {'boolean': lambda v: isinstance(v, bool),
              'integer': lambda v: isinstance(v, int) and not isinstance(v, bool),
              'number': lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
              'string': lambda v: isinstance(v, str),
              'array': lambda v: isinstance(v, list),
              'object': lambda v: isinstance(v, dict)}
    return checks.get(kind, lambda v: True)(value)


# ---------------------------------------------------------------------------
# Coroutines on the GLib main loop

def _cancelled_error():
    return GLib.Error.new_literal(Gio.io_error_quark(), 'Operation was cancelled',
                                  Gio.IOErrorEnum.CANCELLED)


def _call_soon(context, func, *args):
    source = GLib.idle_source_new()
    source.set_priority(GLib.PRIORITY_DEFAULT)

    def dispatch(*_unused):
        func(*args)
        return GLib.SOURCE_REMOVE

    source.set_callback(dispatch)
    source.attach(context)


class Future:
    """A value that will be there later, on a GLib main context.

    Awaitable from coroutines driven by Mcp.aio (Tasks). Its done callbacks
    run from the main context it was created on (the thread-default one).
    """

    _PENDING, _DONE, _FAILED = range(3)

    def __init__(self):
        self._state = Future._PENDING
        self._value = None
        self._callbacks = []
        self._context = GLib.MainContext.ref_thread_default()
        self._on_cancel = None

    def done(self):
        return self._state != Future._PENDING

    def result(self):
        if self._state == Future._PENDING:
            raise RuntimeError('the result is not there yet')
        if self._state == Future._FAILED:
            raise self._value
        return self._value

    def exception(self):
        if self._state == Future._PENDING:
            raise RuntimeError('the result is not there yet')
        return self._value if self._state == Future._FAILED else None

    def set_result(self, value):
        self._settle(Future._DONE, value)

    def set_exception(self, exception):
        self._settle(Future._FAILED, exception)

    def _settle(self, state, value):
        if self._state != Future._PENDING:
            return
        self._state = state
        self._value = value
        self._on_cancel = None
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            _call_soon(self._context, callback, self)

    def add_done_callback(self, callback):
        """Calls callback(future) from the main loop once done."""
        if self.done():
            _call_soon(self._context, callback, self)
        else:
            self._callbacks.append(callback)

    def cancel(self):
        """Stops what the future waits for; it fails with a cancellation
        error (Gio.IOErrorEnum.CANCELLED). Returns whether it was pending."""
        if self.done():
            return False
        on_cancel, self._on_cancel = self._on_cancel, None
        if on_cancel is not None:
            on_cancel()
        if not self.done():
            self.set_exception(_cancelled_error())
        return True

    def __await__(self):
        if not self.done():
            yield self
        return self.result()

    __iter__ = __await__


_current_task = threading.local()

_CANNOT_AWAIT = ('a coroutine run by makemcp-glib awaited %s, which the GLib main loop cannot '
                 'wait for: await Mcp.aio.sleep(), Mcp.aio.call(), Mcp.aio.gather(), '
                 'Mcp.aio.to_thread(), an Mcp.aio.Future or another coroutine (asyncio objects '
                 'need an asyncio event loop)')


class Task(Future):
    """Runs a coroutine on the GLib main loop: starts it at once, and
    resumes it each time what it awaits is done.

    When cancellable (a Gio.Cancellable) is cancelled, the awaited
    operation is cancelled and the coroutine sees the cancellation error.
    Gio operations started with Mcp.aio.call() without a cancellable of
    their own get the task's.
    """

    def __init__(self, coroutine, cancellable=None):
        super().__init__()
        if not inspect.isawaitable(coroutine):
            raise TypeError('Mcp.aio.Task needs a coroutine, got %r' % (coroutine,))
        if not inspect.iscoroutine(coroutine) and not inspect.isgenerator(coroutine):
            coroutine = _await(coroutine)
        self._coroutine = coroutine
        self._waiting = None
        self._cancelled = False
        self.cancellable = cancellable
        self._cancel_handler = 0
        if cancellable is not None:
            if cancellable.is_cancelled():
                self._cancelled = True
            else:
                # GObject's connect: Gio.Cancellable.connect is
                # g_cancellable_connect() in PyGObject
                self._cancel_handler = GObject.Object.connect(
                    cancellable, 'cancelled', lambda _c: _call_soon(self._context, self.cancel))
        self._step(None, _cancelled_error() if self._cancelled else None)

    def cancel(self):
        if self.done():
            return False
        self._cancelled = True
        waiting = self._waiting
        if waiting is not None:
            waiting.cancel()
        else:
            _call_soon(self._context, self._step, None, _cancelled_error())
        return True

    def _step(self, value, exception):
        if self.done():
            return
        previous = getattr(_current_task, 'task', None)
        _current_task.task = self
        try:
            if exception is not None:
                awaited = self._coroutine.throw(exception)
            else:
                awaited = self._coroutine.send(value)
        except StopIteration as stop:
            self._finish(Future._DONE, stop.value)
            return
        except Exception as error:  # noqa: BLE001 — the task fails with it
            if isinstance(error, RuntimeError) and 'no running event loop' in str(error):
                error = RuntimeError(_CANNOT_AWAIT % 'an asyncio object')
            self._finish(Future._FAILED, error)
            return
        finally:
            _current_task.task = previous

        if awaited is None:
            # a bare yield: come back on the next main loop iteration
            _call_soon(self._context, self._step, None, None)
        elif isinstance(awaited, Future):
            self._waiting = awaited
            if self._cancelled:
                awaited.cancel()
            awaited.add_done_callback(self._wake_up)
        else:
            error = RuntimeError(_CANNOT_AWAIT % repr(awaited))
            _call_soon(self._context, self._step, None, error)

    def _wake_up(self, future):
        if future is not self._waiting:
            return
        self._waiting = None
        try:
            value = future.result()
        except Exception as error:  # noqa: BLE001 — thrown into the coroutine
            self._step(None, error)
        else:
            self._step(value, None)

    def _finish(self, state, value):
        if self._cancel_handler:
            GObject.Object.disconnect(self.cancellable, self._cancel_handler)
            self._cancel_handler = 0
        self._settle(state, value)


async def _await(awaitable):
    return await awaitable


def _current_cancellable():
    task = getattr(_current_task, 'task', None)
    return task.cancellable if task is not None else None


def _sleep(seconds, result=None):
    """A Future done after seconds (a float), on a GLib timeout."""
    future = Future()
    source = GLib.timeout_source_new(max(0, int(seconds * 1000)))

    def fire(*_unused):
        future.set_result(result)
        return GLib.SOURCE_REMOVE

    source.set_callback(fire)
    source.attach(future._context)
    future._on_cancel = source.destroy
    return future


def _cancellable_index(start):
    """The position of the Gio.Cancellable among the arguments a Python
    caller passes to a GI function, or None."""
    get_arguments = getattr(start, 'get_arguments', None)
    if get_arguments is None:
        return None
    try:
        infos = get_arguments()
        hidden = set()
        for info in infos:
            for index in (info.get_closure(), info.get_destroy()):
                if index >= 0:
                    hidden.add(index)
            type_info = info.get_type()
            length = type_info.get_array_length() if hasattr(type_info, 'get_array_length') else -1
            if length >= 0:
                hidden.add(length)
        position = 0
        for index, info in enumerate(infos):
            if index in hidden or info.get_direction() == GI_DIRECTION_OUT:
                continue
            interface = info.get_type().get_interface()
            if interface is not None and interface.get_namespace() == 'Gio' \
                    and interface.get_name() == 'Cancellable':
                return position
            position += 1
    except Exception:  # noqa: BLE001 — an unusual function: no injection
        return None
    return None


try:
    from gi._gi import Direction as _Direction
    GI_DIRECTION_OUT = _Direction.OUT
except ImportError:  # pragma: no cover
    GI_DIRECTION_OUT = 1


def _finish_function(start, source, finish):
    if finish is not None:
        return finish
    name = start.get_name() if hasattr(start, 'get_name') else getattr(start, '__name__', '')
    base = name[:-len('_async')] if name.endswith('_async') else name
    finish_name = base + '_finish'
    bound_self = getattr(start, '__self__', None)
    for owner in (source, bound_self):
        if owner is not None and hasattr(owner, finish_name):
            return getattr(owner, finish_name)
    if hasattr(start, 'get_namespace'):
        module = importlib.import_module('gi.repository.' + start.get_namespace())
        container = start.get_container() if hasattr(start, 'get_container') else None
        owner = getattr(module, container.get_name()) if container is not None else module
        if hasattr(owner, finish_name):
            return getattr(owner, finish_name)
    raise AttributeError('no %s() to complete %s(): pass finish=' % (finish_name, name))


def _link_cancellable(parent, child, future):
    """Cancels child when parent is cancelled, until future is done."""
    if parent.is_cancelled():
        child.cancel()
        return
    handler = GObject.Object.connect(parent, 'cancelled', lambda _parent: child.cancel())
    future.add_done_callback(lambda _future: GObject.Object.disconnect(parent, handler))


def _call(start, *args, finish=None):
    """Runs a GIO-style asynchronous function and returns a Future of what
    its _finish function returns.

        data = await Mcp.aio.call(session.send_and_read_async, message,
                                  GLib.PRIORITY_DEFAULT, None)

    start is called with args and a callback; the finish function is
    found by name (foo_async → foo_finish on the source object, its class
    or its namespace), or given as finish. When the function takes a
    Gio.Cancellable and None is passed for it, the cancellable of the
    running task (the tool call's) is passed instead, so that a client
    that cancels the call cancels the operation too.
    """
    future = Future()
    args = list(args)
    index = _cancellable_index(start)
    if index is not None and index <= len(args):
        given = args[index] if index < len(args) else None
        if given is None:
            given = Gio.Cancellable()
            parent = _current_cancellable()
            if parent is not None:
                _link_cancellable(parent, given, future)
            if index < len(args):
                args[index] = given
            else:
                args.append(given)
        future._on_cancel = given.cancel

    def done(source, result, *_user_data):
        try:
            value = _finish_function(start, source, finish)(result)
        except Exception as error:  # noqa: BLE001 — the future fails with it
            future.set_exception(error)
        else:
            future.set_result(value)

    start(*args, done)
    return future


def _gather(*awaitables, return_exceptions=False):
    """A Future of the results of several awaitables (coroutines are run as
    tasks), in order. The first failure fails it, unless
    return_exceptions, which puts exceptions among the results."""
    outer = Future()
    children = [a if isinstance(a, Future) else Task(a, _current_cancellable())
                for a in awaitables]
    results = [None] * len(children)
    remaining = [len(children)]
    if not children:
        outer.set_result([])
        return outer

    def child_done(index, child):
        if outer.done():
            return
        error = child.exception()
        if error is not None and not return_exceptions:
            outer.set_exception(error)
            return
        results[index] = error if error is not None else child.result()
        remaining[0] -= 1
        if remaining[0] == 0:
            outer.set_result(results)

    for index, child in enumerate(children):
        child.add_done_callback(functools.partial(child_done, index))

    def cancel_children():
        for child in children:
            child.cancel()
    outer._on_cancel = cancel_children
    return outer


def _to_thread(func, *args, **kwargs):
    """A Future of func(*args, **kwargs) run in a new thread, for blocking
    work that would stall the main loop."""
    future = Future()

    def run():
        try:
            value = func(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 — the future fails with it
            _call_soon(future._context, future.set_exception, error)
        else:
            _call_soon(future._context, future.set_result, value)

    threading.Thread(target=run, name='mcp-to-thread', daemon=True).start()
    return future


def _spawn(coroutine, cancellable=None):
    """Starts a coroutine as a Task on the GLib main loop."""
    return Task(coroutine, cancellable if cancellable is not None else _current_cancellable())


def _run(awaitable):
    """Runs the thread-default main loop until awaitable is done, and
    returns its result (or raises its exception). For scripts and tests;
    a server's own loop runs coroutine tools by itself."""
    future = awaitable if isinstance(awaitable, Future) else Task(awaitable)
    context = GLib.MainContext.ref_thread_default()
    while not future.done():
        context.iteration(True)
    return future.result()


aio = types.SimpleNamespace(
    Future=Future,
    Task=Task,
    sleep=_sleep,
    call=_call,
    gather=_gather,
    to_thread=_to_thread,
    spawn=_spawn,
    run=_run,
)
aio.__doc__ = """Coroutines on the GLib main loop.

PyGObject 3.42 has no asyncio integration: `async def` tools are run by
makemcp-glib's own small task runner on the GLib main loop the server
runs. They can await:

- Mcp.aio.sleep(seconds): a GLib timeout;
- Mcp.aio.call(obj.foo_async, *args): any GIO-style _async/_finish pair;
- Mcp.aio.gather(*awaitables): several at once;
- Mcp.aio.to_thread(func, *args): blocking work in a thread;
- Mcp.aio.Future: resolved by your own callbacks (set_result);
- other coroutines built from these.

asyncio's own awaitables (asyncio.sleep, aiohttp…) need an asyncio event
loop and cannot be awaited here.
"""
__all__.append('aio')


# ---------------------------------------------------------------------------
# Tool specifications: what a Python function becomes

_INJECTED = {}  # annotation → function(invocation) giving the value


def _injected_types():
    if not _INJECTED:
        _INJECTED[Mcp.RequestContext] = lambda invocation: invocation.get_context()
        _INJECTED[Mcp.ToolInvocation] = lambda invocation: invocation
        _INJECTED[Gio.Cancellable] = lambda invocation: invocation.get_cancellable()
    return _INJECTED


def _injector(tp):
    if typing.get_origin(tp) is typing.Union:
        members = [a for a in typing.get_args(tp) if a is not _NoneType]
        if len(members) == 1:
            tp = members[0]
    for base, get in _injected_types().items():
        if isinstance(tp, type) and issubclass(tp, base):
            return get
    return None


_HINTS = {'read_only': 'readOnlyHint', 'destructive': 'destructiveHint',
          'idempotent': 'idempotentHint', 'open_world': 'openWorldHint'}
_OPTIONS = ('name', 'description', 'title', 'read_only', 'destructive', 'idempotent',
            'open_world', 'run_in_thread', 'timeout', 'input_schema', 'output_schema', 'meta')


class _ToolSpec:
    """A tool described from a Python function."""

    def __init__(self, func, options=None, skip_first=False):
        options = dict(options or {})
        unknown = set(options) - set(_OPTIONS)
        if unknown:
            raise TypeError('unknown tool options: %s' % ', '.join(sorted(unknown)))
        target = func
        if isinstance(target, (staticmethod, classmethod)):
            target = target.__func__
        if isinstance(target, types.MethodType):
            # a bound method: its first argument is already given
            target = target.__func__
            skip_first = True
        target = inspect.unwrap(target)

        self.name = options.get('name') or target.__name__
        if not re.fullmatch(r'[A-Za-z0-9_.\-]{1,128}', self.name):
            raise ValueError('“%s” is not a valid tool name' % self.name)
        summary, described, returns = _parse_docstring(inspect.getdoc(target) or '')
        self.description = options.get('description') or summary
        self.title = options.get('title')
        self.hints = {_HINTS[k]: bool(options[k]) for k in _HINTS if options.get(k) is not None}
        self.run_in_thread = bool(options.get('run_in_thread'))
        self.timeout = options.get('timeout')
        self.meta = options.get('meta')
        self.is_async = inspect.iscoroutinefunction(target)
        if self.run_in_thread and self.is_async:
            raise TypeError('%s: run_in_thread is for synchronous functions' % self.name)

        hints = _type_hints(target)
        signature = inspect.signature(target)
        parameters = list(signature.parameters.values())
        if skip_first and parameters:
            parameters = parameters[1:]

        self.arguments = []    # (name, type hint)
        self.injected = []     # (name, getter)
        self.extra_keywords = False
        properties = {}
        required = []
        for parameter in parameters:
            hint = hints.get(parameter.name, parameter.annotation)
            if hint is inspect.Parameter.empty:
                hint = None
            if parameter.kind == inspect.Parameter.VAR_KEYWORD:
                self.extra_keywords = True
                continue
            if parameter.kind in (inspect.Parameter.VAR_POSITIONAL,
                                  inspect.Parameter.POSITIONAL_ONLY):
                raise TypeError('%s: argument %s cannot be passed by name' % (self.name,
                                                                             parameter.name))
            getter = _injector(hint)
            if getter is not None:
                self.injected.append((parameter.name, getter))
                continue
            schema = dict(_schema_for(hint))
            if described.get(parameter.name) and 'description' not in schema:
                schema['description'] = described[parameter.name]
            if parameter.default is not inspect.Parameter.empty:
                try:
                    schema['default'] = _jsonable(parameter.default)
                except TypeError:
                    pass
            else:
                required.append(parameter.name)
            properties[parameter.name] = schema
            self.arguments.append((parameter.name, hint))

        self.input_schema = options.get('input_schema') or {
            'type': 'object', 'properties': properties}
        if 'input_schema' not in options:
            if required:
                self.input_schema['required'] = required
            if not self.extra_keywords:
                self.input_schema['additionalProperties'] = False

        self.return_hint = hints.get('return', signature.return_annotation)
        if self.return_hint is inspect.Signature.empty:
            self.return_hint = None
        self.wrap_result = False
        self.output_schema = options.get('output_schema')
        if self.output_schema is None:
            self.output_schema = self._output_schema(returns)
        elif self.output_schema.get('type') != 'object':
            self.output_schema = {'type': 'object', 'properties': {'result': self.output_schema},
                                  'required': ['result']}
            self.wrap_result = True

    def _output_schema(self, returns):
        hint = self.return_hint
        if hint is None or hint is typing.Any or hint is _NoneType:
            return None
        if isinstance(hint, type) and issubclass(hint, Mcp.ToolResult):
            return None
        if _is_text_type(hint):
            return None
        if inspect.isclass(hint) and issubclass(hint, Future):
            return None
        if _is_object_type(hint):
            schema = dict(_schema_for(hint))
            if returns and 'description' not in schema:
                schema['description'] = returns
            return schema
        inner = dict(_schema_for(hint))
        if returns and 'description' not in inner:
            inner['description'] = returns
        self.wrap_result = True
        return {'type': 'object', 'properties': {'result': inner}, 'required': ['result']}

    def new_tool(self):
        tool = Mcp.Tool.new(self.name, self.description or None)
        tool.set_input_schema_json(json.dumps(self.input_schema))
        if self.output_schema is not None:
            tool.set_output_schema_json(json.dumps(self.output_schema))
        if self.title:
            tool.set_title(self.title)
        for hint, value in self.hints.items():
            tool.set_hint(hint, value)
        if self.timeout:
            tool.set_timeout(int(self.timeout * 1000))
        if self.meta:
            tool.set_meta(_python_to_json_node(self.meta).get_object())
        return tool

    def bind(self, invocation):
        """The keyword arguments of a call."""
        given = _json_object_to_python(invocation.get_arguments())
        kwargs = {}
        for name, hint in self.arguments:
            if name in given:
                kwargs[name] = _from_json(given.pop(name), hint)
        if self.extra_keywords:
            kwargs.update(given)
        for name, getter in self.injected:
            kwargs[name] = getter(invocation)
        return kwargs

    def result(self, value):
        """A return value as an Mcp.ToolResult."""
        if isinstance(value, Mcp.ToolResult):
            return value
        if self.wrap_result:
            return Mcp.ToolResult.new_structured(_python_to_json_node({'result': value}))
        if self.output_schema is not None or isinstance(value, dict) or \
                (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            node = _python_to_json_node(value)
            if node.get_node_type() != Json.NodeType.OBJECT:
                node = _python_to_json_node({'result': value})
            return Mcp.ToolResult.new_structured(node)
        if value is None:
            return Mcp.ToolResult.new()
        if isinstance(value, str):
            return Mcp.ToolResult.new_text(value)
        if isinstance(value, GObject.GEnum):
            return Mcp.ToolResult.new_text(value.value_nick)
        if isinstance(value, enum.Enum):
            return Mcp.ToolResult.new_text(str(_jsonable(value)))
        if isinstance(value, (bool, int, float)):
            return Mcp.ToolResult.new_text(json.dumps(value))
        if isinstance(value, (bytes, bytearray, GLib.Bytes)):
            return Mcp.ToolResult.new_text(_jsonable(value))
        try:
            node = _python_to_json_node({'result': value})
        except (TypeError, ValueError):
            return Mcp.ToolResult.new_text(str(value))
        return Mcp.ToolResult.new_structured(node)


def _error_message(error):
    message = str(error)
    if isinstance(error, KeyError) and error.args:
        message = 'KeyError: %s' % (error.args[0],)
    return message or type(error).__name__


def _return_error(invocation, error):
    if isinstance(error, GLib.Error):
        invocation.return_gerror(error)
    else:
        _log.debug('tool %s failed', invocation.get_tool().get_name(), exc_info=error)
        invocation.return_error_message(_error_message(error))


def _return_value(invocation, spec, value):
    try:
        result = spec.result(value)
    except Exception as error:  # noqa: BLE001 — a result that is not JSON
        _return_error(invocation, error)
        return
    invocation.return_result(result)


def _invoke(spec, func, invocation):
    """Runs one call of a tool made from a Python function and completes
    invocation: at once for a synchronous function, when its coroutine
    finishes for an asynchronous one."""
    try:
        kwargs = spec.bind(invocation)
        if spec.run_in_thread:
            outcome = _to_thread(func, **kwargs)
        else:
            outcome = func(**kwargs)
    except Exception as error:  # noqa: BLE001 — becomes an isError result
        _return_error(invocation, error)
        return
    if not inspect.isawaitable(outcome):
        _return_value(invocation, spec, outcome)
        return

    task = Task(outcome, invocation.get_cancellable())

    def finished(task):
        error = task.exception()
        if error is not None:
            _return_error(invocation, error)
        else:
            _return_value(invocation, spec, task.result())

    task.add_done_callback(finished)


# ---------------------------------------------------------------------------
# Decorators and servers

def tool(func=None, **options):
    """Marks a function or method as a tool, MakeMCP's @mcp_tool.

        @Mcp.tool
        def add(a: int, b: int = 0) -> int:
            '''Adds two integers.'''

        @Mcp.tool(name='fetch', read_only=True)
        async def fetch_page(url: str) -> dict: ...

    The function is returned unchanged (it can still be called directly).
    Server.add_module(), Server.add_object(), Server.add_functions() and
    McpToolProvider subclasses expose only the marked functions when any
    is marked. Options: name, description, title, read_only, destructive,
    idempotent, open_world (the tool's annotations), run_in_thread (run a
    synchronous function in a thread), timeout (seconds), input_schema and
    output_schema (dicts replacing the generated ones), meta.
    """
    unknown = set(options) - set(_OPTIONS)
    if unknown:
        raise TypeError('unknown tool options: %s' % ', '.join(sorted(unknown)))

    def mark(function):
        target = function.__func__ if isinstance(function, (staticmethod, classmethod)) \
            else function
        target.__mcp_tool__ = dict(options)
        return function

    return mark(func) if func is not None else mark


__all__.append('tool')


def _options_of(func, extra=None):
    target = func.__func__ if isinstance(func, (staticmethod, classmethod, types.MethodType)) \
        else func
    options = dict(getattr(target, '__mcp_tool__', {}))
    options.update({k: v for k, v in (extra or {}).items() if v is not None})
    return options


class Tool(Mcp.Tool):

    @classmethod
    def new_from_function(cls, func, **options):
        """An Mcp.Tool running func, described from its name, docstring and
        type hints (see Mcp.tool for the options)."""
        spec = _ToolSpec(func, _options_of(func, options))
        tool_ = spec.new_tool()
        tool_.set_async_func(lambda _tool, invocation: _invoke(spec, func, invocation))
        tool_.__mcp_spec__ = spec
        return tool_


Tool = override(Tool)
__all__.append('Tool')


class ToolResult(Mcp.ToolResult):

    def to_dict(self):
        """The result as the client receives it (content, structuredContent,
        isError), as a dict."""
        return _json_object_to_python(self.to_json())


ToolResult = override(ToolResult)
__all__.append('ToolResult')


def _public_functions(namespace, module_name=None):
    found = []
    for name, value in list(vars(namespace).items()):
        if name.startswith('_'):
            continue
        if not (inspect.isfunction(value) or inspect.ismethod(value)):
            continue
        if module_name is not None and getattr(value, '__module__', None) != module_name:
            continue
        found.append(value)
    marked = [f for f in found if hasattr(getattr(f, '__func__', f), '__mcp_tool__')]
    return marked or found


class Server(Mcp.Server):

    def __init__(self, name=None, version=None, **kwargs):
        """Mcp.Server(name, version, title=…, instructions=…, description=…)"""
        if name is not None:
            kwargs['name'] = name
        if version is not None:
            kwargs['version'] = version
        kwargs.setdefault('version', '1.0.0')
        super().__init__(**kwargs)

    def tool(self, func=None, **options):
        """Registers a function as a tool, MakeMCP's @server.tool:

            @server.tool
            def add(a: int, b: int) -> int:
                '''Adds two integers.'''
                return a + b

            @server.tool(name='nap', description='Sleeps')
            async def sleep(seconds: float = 0.1) -> str:
                await Mcp.aio.sleep(seconds)
                return 'rested'

        The name is the function's, the description its docstring, the input
        schema is made from the type hints and defaults, and the output
        schema from the return type when it is structured. Returns the
        function unchanged."""
        def register(function):
            self.add_function(function, **options)
            return function
        return register(func) if func is not None else register

    def add_function(self, func, **options):
        """Adds func as a tool and returns the Mcp.Tool."""
        tool_ = Tool.new_from_function(func, **options)
        self.add_tool(tool_)
        return tool_

    def add_functions(self, functions):
        """Adds several functions: a dict of name → function, or an
        iterable of functions (MakeMCP's from_functions). Returns the
        tools."""
        if isinstance(functions, dict):
            return [self.add_function(f, name=n) for n, f in functions.items()]
        return [self.add_function(f) for f in functions]

    def add_module(self, module):
        """Adds the public functions of a module (a module object, a module
        name, or the path of a .py file) as tools: only those marked with
        @Mcp.tool when any is. Returns the tools."""
        if isinstance(module, str):
            if module.endswith('.py') or os.sep in module:
                name = os.path.splitext(os.path.basename(module))[0]
                spec = importlib.util.spec_from_file_location(name, module)
                loaded = importlib.util.module_from_spec(spec)
                sys.modules.setdefault(name, loaded)
                spec.loader.exec_module(loaded)
                module = loaded
            else:
                module = importlib.import_module(module)
        return [self.add_function(f) for f in _public_functions(module, module.__name__)]

    def add_object(self, obj):
        """Adds an object's public methods as tools (MakeMCP's
        create_mcp_from_object): only those marked with @Mcp.tool when any
        is. An Mcp.ToolProvider is added as a provider. The one object
        keeps its state across calls. Returns the tools."""
        if isinstance(obj, Mcp.ToolProvider):
            self.add_provider(obj)
            return obj.list_tools()
        methods = []
        seen = set()
        for klass in type(obj).__mro__:
            if klass is object:
                continue
            for name, value in vars(klass).items():
                if name.startswith('_') or name in seen:
                    continue
                seen.add(name)
                if inspect.isfunction(value) or isinstance(value, (staticmethod, classmethod)):
                    methods.append(getattr(obj, name))
        marked = [m for m in methods if hasattr(getattr(m, '__func__', m), '__mcp_tool__')]
        return [self.add_function(m) for m in (marked or methods)]

    @classmethod
    def from_functions(cls, functions, name='functions', version='1.0.0', **kwargs):
        server = cls(name, version, **kwargs)
        server.add_functions(functions)
        return server

    @classmethod
    def from_module(cls, module, name=None, version='1.0.0', **kwargs):
        if name is None:
            name = module if isinstance(module, str) else module.__name__
            name = os.path.splitext(os.path.basename(name))[0].replace('_', '-')
        server = cls(name, version, **kwargs)
        server.add_module(module)
        return server

    @classmethod
    def from_object(cls, obj, name=None, version='1.0.0', **kwargs):
        server = cls(name or type(obj).__name__, version, **kwargs)
        server.add_object(obj)
        return server

    def call_tool(self, name, arguments=None, cancellable=None):
        """Calls a tool in process, with the same argument checks as a
        client's call: a Future of the Mcp.ToolResult, to await in a
        coroutine or to pass to Mcp.aio.run() (handy in tests):

            result = Mcp.aio.run(server.call_tool('add', {'a': 2, 'b': 3}))
            assert result.to_dict()['content'][0]['text'] == '5'
        """
        return _call(self.call_tool_async, name,
                     _python_to_json_node(arguments or {}).get_object(), cancellable)

    def run(self, argv=None, *, transport=None, host='127.0.0.1', port=None):
        """Serves until the client goes away (stdio) or SIGINT/SIGTERM
        (HTTP); returns the exit status.

        argv defaults to sys.argv, so that --http, --stdio and --info work
        from the command line. transport="stdio" or "http" (with host and
        port, 0 for any free port) chooses in code, as MakeMCP's run()."""
        if argv is None:
            argv = list(sys.argv) if sys.argv and sys.argv[0] else ['python3']
        argv = list(argv)
        if transport in ('http', 'streamable-http', 'sse'):
            argv += ['--http', '%s:%d' % (host if ':' not in host else '[%s]' % host,
                                          port if port is not None else 8000)]
        elif transport == 'stdio':
            argv += ['--stdio']
        elif transport is not None:
            raise ValueError('transport must be "stdio" or "http", not %r' % (transport,))
        sys.stdout.flush()
        return super().run(argv)


Server = override(Server)
__all__.append('Server')


# ---------------------------------------------------------------------------
# Tool providers written in Python

def _provider_methods(cls):
    """name → (attribute, function, skip_first) for the tools of a
    provider class: its public methods (and those of its Python base
    classes), only the ones marked with @Mcp.tool when any is."""
    found = {}
    for klass in reversed(cls.__mro__):
        if klass is object or klass.__module__.startswith('gi.') or \
                klass.__module__ == __name__:
            continue
        for attr, value in vars(klass).items():
            if attr.startswith('_') or attr.startswith('do_'):
                continue
            if isinstance(value, staticmethod):
                found[attr] = (attr, value.__func__, False)
            elif isinstance(value, classmethod):
                found[attr] = (attr, value.__func__, True)
            elif inspect.isfunction(value):
                found[attr] = (attr, value, True)
            else:
                found.pop(attr, None)
    marked = {k: v for k, v in found.items() if hasattr(v[1], '__mcp_tool__')}
    return marked or found


def _provider_list_tools(self):
    tools = self.__dict__.get('_mcp_tools')
    if tools is None:
        tools = {}
        for spec in type(self).__mcp_specs__.values():
            tools[spec.name] = spec.new_tool()
        self._mcp_tools = tools
    inherited = [t for t in Mcp.ToolProvider.do_list_tools(self) if t.get_name() not in tools]
    return inherited + list(tools.values())


def _provider_handle_call(self, tool_, invocation):
    spec = type(self).__mcp_specs__.get(tool_.get_name())
    if spec is None:
        invocation.return_error_message('Unknown tool “%s”' % tool_.get_name())
        return
    _invoke(spec, getattr(self, spec.attribute), invocation)


_provider_list_tools._mcp_generated = True
_provider_handle_call._mcp_generated = True


class ToolProvider(Mcp.ToolProvider):
    """Subclasses written in Python: their public methods are tools (only
    those marked with @Mcp.tool when any is), described from their names,
    docstrings and type hints, sync or `async def`. Their GObject
    properties are tools and resources as for C classes. A subclass that
    implements do_list_tools or do_handle_call itself is left alone."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for klass in cls.__mro__:
            if klass.__module__.startswith('gi.') or klass.__module__ == __name__:
                break
            for vfunc in ('do_list_tools', 'do_handle_call', 'do_call_tool_async'):
                own = klass.__dict__.get(vfunc)
                if own is not None and not getattr(own, '_mcp_generated', False):
                    return
        specs = {}
        for attr, (_, function, skip_first) in _provider_methods(cls).items():
            spec = _ToolSpec(function, _options_of(function), skip_first=skip_first)
            spec.attribute = attr
            if spec.name in specs:
                raise ValueError('%s: two methods are the tool “%s”' % (cls.__name__, spec.name))
            specs[spec.name] = spec
        if not specs:
            return
        cls.__mcp_specs__ = specs
        cls.do_list_tools = _provider_list_tools
        cls.do_handle_call = _provider_handle_call


ToolProvider = override(ToolProvider)
__all__.append('ToolProvider')
