"""Imported once by the forkserver that forks the batch workers (``parallel.ProcessPool``).

What every worker would otherwise load for itself is loaded here once, and each worker forked
from this process starts with it in memory, shared copy-on-write: the compiled patterns, the
spaCy pipeline (``tasks.warm``), the PDF and .docx libraries the readers import on a format's
first file, and pdfminer's maps for the Chinese fonts a PDF names without embedding them
(~15 MB each time a worker loaded them itself). A replacement worker (after a time-out, a crash
or ``MAX_TASKS_PER_WORKER`` files) starts at once.

Then ``gc.freeze()``: the garbage collector of a worker never walks (and so never writes to,
and never copies) the objects loaded here; and the heap the warm-up freed is given back.
"""

import gc
import importlib

from .parallel import release_memory
from .tasks import warm

# Modules the readers import lazily, on the first file of their format.
READER_MODULES = (
    "extractor.readers.scan",
    "extractor.readers.docx",
    "pdfplumber",
    "pdfplumber.table",
    "pypdfium2",
    "docx",
)
# pdfminer's CMap for the Chinese (GB) fonts PDFs use without embedding them (STSong-Light,
# 宋体 as named by many exporters), and the Adobe-GB1 code → Unicode map every GB CMap reads.
GB_CMAPS = ("UniGB-UCS2-H",)
GB_UNICODE_MAP = "Adobe-GB1"


def preload() -> None:
    warm()
    for name in READER_MODULES:
        importlib.import_module(name)
    from pdfminer.cmapdb import CMapDB

    for cmap in GB_CMAPS:
        CMapDB.get_cmap(cmap)
    CMapDB.get_unicode_map(GB_UNICODE_MAP, False)
    gc.collect()
    gc.freeze()
    release_memory()()  # the warm-up's garbage goes back to the system, not into every worker


try:
    preload()
except Exception:  # noqa: BLE001, S110 - a worker that finds nothing loaded warms itself
    pass
