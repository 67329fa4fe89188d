"""Errors that name the file and the reason; a batch records them and goes on."""

from __future__ import annotations


class JixiaoError(Exception):
    """Base class: every error the tool raises on purpose."""


class ReadError(JixiaoError):
    """A file could not be read as a report.

    ``kind`` is a short stable code (``not_found``, ``unsupported_format``, ``corrupt``,
    ``encrypted``, ``empty``, ``decode``, ``too_large``...) stored in the ``errors`` table.
    """

    def __init__(self, path: str, kind: str, message: str):
        self.path = str(path)
        self.kind = kind
        self.message = message
        super().__init__(f"{self.path}: {message} [{kind}]")
