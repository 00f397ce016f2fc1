# text_utils.py — a module of plain functions, nothing MCP about it
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# module_server.py serves every public function of this module as a tool,
# as MakeMCP's create_mcp_from_module("text_utils.py") does: names, type
# hints and docstrings are all it needs.

import re
import unicodedata


def reverse(text: str) -> str:
    """Reverses a text."""
    return text[::-1]


def word_count(text: str) -> int:
    """Counts the words of a text."""
    return len(text.split())


def capitalize_words(text: str) -> str:
    """Capitalizes every word of a text."""
    return ' '.join(word.capitalize() for word in text.split(' '))


def slugify(text: str, separator: str = '-') -> str:
    """Makes a URL-friendly slug of a text.

    Args:
        text: the text, in any script
        separator: what goes between the words
    """
    ascii_text = unicodedata.normalize('NFKD', text).encode('ascii', 'ignore').decode()
    return re.sub(r'[^a-z0-9]+', separator, ascii_text.lower()).strip(separator)


def statistics(text: str) -> dict:
    """Counts the characters, words, lines and sentences of a text."""
    return {
        'characters': len(text),
        'words': word_count(text),
        'lines': len(text.splitlines()) or 1,
        'sentences': len([s for s in re.split(r'[.!?]+', text) if s.strip()]),
    }


def _normalize(text):
    # private: not a tool
    return ' '.join(text.split())
