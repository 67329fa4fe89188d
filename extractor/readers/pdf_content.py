"""A faster reader of page content streams for pdfminer's interpreter: the same objects,
tokenized by one regular expression instead of pdfminer's byte-by-byte state machine.

pdfminer's ``PDFContentParser`` costs about two thirds of reading a page whose characters
pdfminer has to measure (pdf_lean.py). Here the common tokens (numbers, names, strings, hex
strings, keywords, arrays, dictionaries) are read the way pdfminer reads them, into the very
same Python objects (interned ``PSKeyword``/``PSLiteral``, ``int`` vs ``float``, pdfminer's
string escapes), and the interpreter runs its own operators on them unchanged. Anything outside
that subset (comments, inline images, procedures, ``#`` escapes in names, malformed tokens)
raises ``Unsupported`` and the page is read by pdfminer's parser instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import stream_value
from pdfminer.psparser import (
    ESC_STRING,
    HEX_PAIR,
    KEYWORD_ARRAY_BEGIN,
    KEYWORD_ARRAY_END,
    KEYWORD_DICT_BEGIN,
    KEYWORD_DICT_END,
    KWD,
    LIT,
    SPC,
    PSKeyword,
    keyword_name,
    literal_name,
)
from pdfminer.utils import choplist


class Unsupported(Exception):
    """A construct this reader leaves to pdfminer's own parser."""


# Leading whitespace is taken with the token: one match per token.
_TOKEN = re.compile(
    rb"""[\s\x00]*(?:
    (?P<num>[-+]?(?:\d+(?:\.\d*)?|\.\d+))(?![.\d])
    |(?P<kw>[A-Za-z][^#/%\[\]()<>{}\s]*)
    |/(?P<name>[^#/%\[\]()<>{}\s]*)(?!\#)
    |(?P<str>\()
    |(?P<one>['"\[\]])
    |(?P<dict><<|>>)
    |<(?P<hex>[\s0-9A-Fa-f]*)>(?!>)
    )""",
    re.VERBOSE,
)
_NUM, _KW, _NAME, _STR, _HEX = (_TOKEN.groupindex[g] for g in ("num", "kw", "name", "str", "hex"))
_TRAILING_SPACE = re.compile(rb"[\s\x00]*\Z")
_STRING_END = re.compile(rb"[()\\]")
_OCTAL = b"01234567"
# pdfminer reads a number starting with a dot as a float, any other without one as an int.
_FLOAT_MARK = ord(".")


def _string(data: bytes, i: int) -> tuple[bytes, int]:
    """The literal string whose ``(`` is at ``i - 1``, read as pdfminer's ``_parse_string``
    does (nested parentheses, its escapes, a dropped backslash before other characters)."""
    out = bytearray()
    depth = 1
    n = len(data)
    while True:
        m = _STRING_END.search(data, i)
        if m is None:
            raise Unsupported("unterminated string")
        j = m.start()
        out += data[i:j]
        c = data[j]
        if c == 0x5C:  # backslash
            k = j + 1
            if k >= n:
                raise Unsupported("backslash at the end")
            digits = 0
            while digits < 3 and k + digits < n and data[k + digits] in _OCTAL:
                digits += 1
            if digits:
                code = int(data[k : k + digits], 8)
                if code >= 256:
                    raise Unsupported("octal escape out of range")
                out.append(code)
                i = k + digits
                continue
            esc = data[k : k + 1]
            if esc in ESC_STRING:
                out.append(ESC_STRING[esc])
            elif esc == b"\r" and data[k + 1 : k + 2] == b"\n":
                k += 1
            i = k + 1
        elif c == 0x28:  # (
            depth += 1
            out.append(c)
            i = j + 1
        else:  # )
            depth -= 1
            if not depth:
                return bytes(out), j + 1
            out.append(c)
            i = j + 1


# Keywords and names by their bytes: the very objects KWD and LIT intern (one dict look-up
# instead of a call into pdfminer's symbol table and, for names, a decode). They grow as
# pdfminer's own tables do, by the distinct words and names met.
_WORDS: dict[bytes, Any] = {b"true": True, b"false": False}
_NAMES: dict[bytes, Any] = {}


def _literal(raw: bytes) -> Any:
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


def objects(streams: list[bytes]) -> Iterator[Any]:
    """The top-level objects of a page's content streams, as pdfminer's ``nextobject`` yields
    them (without positions): keywords, numbers, names, strings, arrays, dictionaries. A token
    ends with its stream, as in pdfminer; an array or dictionary may go on in the next one."""
    stack: list[tuple[bytes, list[Any]]] = []  # open arrays ("a") and dictionaries ("d")
    for data in streams:
        yield from _stream_objects(data, stack, _TOKEN.match)
    if stack:
        raise Unsupported("unclosed array or dictionary")


def _stream_objects(data: bytes, stack: list[tuple[bytes, list[Any]]], match) -> Iterator[Any]:
    pos, n = 0, len(data)
    while pos < n:
        m = match(data, pos)
        if m is None:
            if _TRAILING_SPACE.match(data, pos):
                break
            raise Unsupported(f"token at {pos}: {data[pos : pos + 1]!r}")
        kind = m.lastindex  # the group numbers of _TOKEN's alternatives: cheaper than names
        pos = m.end()
        if kind == _NUM:
            text = m.group(_NUM)
            obj: Any = float(text) if _FLOAT_MARK in text else int(text)
        elif kind == _KW:
            word = m.group(_KW)
            obj = _WORDS.get(word)
            if obj is None:
                obj = _WORDS[word] = KWD(word)
            if obj is _BI:
                raise Unsupported("inline image")
        elif kind == _NAME:
            raw = m.group(_NAME)
            obj = _NAMES.get(raw)
            if obj is None:
                obj = _NAMES[raw] = _literal(raw)
        elif kind == _STR:
            obj, pos = _string(data, pos)
        elif kind == _HEX:
            obj = HEX_PAIR.sub(lambda p: bytes((int(p.group(0), 16),)), SPC.sub(b"", m.group(_HEX)))
        else:
            token = KWD(m.group(kind))
            if token is KEYWORD_ARRAY_BEGIN or token is KEYWORD_DICT_BEGIN:
                stack.append((b"a" if token is KEYWORD_ARRAY_BEGIN else b"d", []))
                continue
            if token is KEYWORD_ARRAY_END or token is KEYWORD_DICT_END:
                want = b"a" if token is KEYWORD_ARRAY_END else b"d"
                if not stack or stack[-1][0] != want:
                    raise Unsupported("unbalanced array or dictionary")
                items = stack.pop()[1]
                if want == b"a":
                    obj = items
                else:
                    if len(items) % 2:
                        raise Unsupported("odd dictionary")
                    obj = {literal_name(k): v for k, v in choplist(2, items) if v is not None}
            else:
                obj = token  # ' and "
        if stack:
            stack[-1][1].append(obj)
        else:
            yield obj


_BI = KWD(b"BI")


# Operators that only draw or say how to draw — path construction, colour, line style — and
# how many operands pdfminer takes for each. Nothing read from a character depends on them
# (FastInterpreter's device builds no paths; colours and line styles are not read), so their
# operands are only taken off the stack, as pdfminer's ``pop`` takes them.
_DRAWING = {KWD(op.encode()): n for ops, n in (("gGwiMjJ", 1),) for op in ops}
_DRAWING |= {KWD(op): n for op, n in ((b"m", 2), (b"l", 2), (b"re", 4), (b"v", 4), (b"y", 4),
             (b"c", 6), (b"rg", 3), (b"RG", 3), (b"k", 4), (b"K", 4))}  # fmt: skip


class FastInterpreter(PDFPageInterpreter):
    """pdfminer's page interpreter reading its content streams with ``objects``.

    Drawing operators are skipped (``_DRAWING``: their operands taken off the stack), and the
    graphics state is not copied for each ``q`` and ``TJ``: nothing read from a character
    depends on either.
    """

    def do_q(self) -> None:
        # The graphics state (colours, line style) is shared, not copied: characters are read
        # for their text and boxes only. The text state is saved as pdfminer saves it.
        self.gstack.append((self.ctm, self.textstate.copy(), self.graphicstate))

    def do_TJ(self, seq: Any) -> None:
        if self.textstate.font is None:
            return  # as pdfminer without STRICT
        self.device.render_string(self.textstate, seq, self.graphicstate.ncs, self.graphicstate)

    def execute(self, streams: Any) -> None:
        # Circular references between content streams (form XObjects) are refused as pdfminer
        # refuses them; pdfminer's parser then reads the streams as one continuous text.
        valid = []
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                raise Unsupported("stream without id or circular")
            valid.append(stream)
            self.stream_ids.add(stream.objid)
        methods: dict[PSKeyword, tuple[Any, int] | None] = {}
        for obj in objects([stream.get_data() for stream in valid]):
            if not isinstance(obj, PSKeyword):
                self.argstack.append(obj)
                continue
            drop = _DRAWING.get(obj)
            if drop is not None:  # pdfminer: pop(n), then an operation that changes nothing here
                del self.argstack[-drop:]
                continue
            if obj not in methods:
                methods[obj] = _method(self, obj)
            found = methods[obj]
            if found is None:
                continue  # an unknown operator: pdfminer skips it too (not strict)
            func, nargs = found
            if nargs:
                # pdfminer's ``pop``, in place (it rebinds ``argstack`` to the rest; the same
                # items stay either way, and ``do_SCN`` and kin that call ``pop`` still work).
                args = self.argstack[-nargs:]
                del self.argstack[-nargs:]
                if len(args) == nargs:
                    func(*args)
            else:
                func()


def _method(interp: PDFPageInterpreter, keyword: PSKeyword) -> tuple[Any, int] | None:
    name = keyword_name(keyword)
    method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
    func = getattr(interp, method, None)
    if func is None:
        return None
    return func, func.__code__.co_argcount - 1
