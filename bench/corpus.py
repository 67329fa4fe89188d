"""The benchmark's files: N mixed reports from the corpus generator (corpus/generate.py).

The generator writes one- and two-page forms; to get the 1–10-page PDFs a province sends, every
PDF here is the concatenation of 1–5 generated PDFs (PDFium joins the pages, nothing is
re-rendered). Deterministic for a given N and seed; kept between runs in the output folder.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generate(out: Path, n: int, seed: int) -> list[Path]:
    sys.path.insert(0, str(ROOT / "corpus"))
    from generate import generate

    return generate(out, n, seed)


def _join_pdfs(parts: list[bytes]) -> bytes:
    import io

    import pypdfium2 as pdfium

    joined = pdfium.PdfDocument.new()
    for data in parts:
        src = pdfium.PdfDocument(data)
        joined.import_pages(src)
        src.close()
    buf = io.BytesIO()
    joined.save(buf)
    joined.close()
    return buf.getvalue()


def _variant(path: Path, data: bytes, i: int) -> bytes:
    """Other bytes, same report: a numbered line for text, a zip comment for .docx, a PDF
    comment after %%EOF for PDF (every reader ignores the last two)."""
    if path.suffix == ".txt":
        encoding = "utf-8"
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "gb18030"
        return data + f"\n（副本 {i}）\n".encode(encoding)
    if path.suffix == ".docx":
        import io
        import zipfile

        buf = io.BytesIO(data)
        with zipfile.ZipFile(buf, "a") as z:
            z.comment = f"copy {i}".encode()
        return buf.getvalue()
    return data + f"\n%copy {i}\n".encode()


def build(out: Path, n: int, seed: int = 2024, base: int = 200) -> list[Path]:
    """``n`` distinct report files in ``out`` (reused when already there), sorted.

    The generator takes ~0.5 s a report on this machine, so at most ``base`` reports are
    generated and the rest are byte-distinct copies of them (``_variant``): the same work for
    the extractor, another sha256 for the database.
    """
    done = out / f".complete-{n}-{seed}"
    if done.exists():
        return sorted(p for p in out.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    out.mkdir(parents=True, exist_ok=True)
    files = _generate(out, min(n, base), seed)
    for f in out.glob("*.truth.json"):
        f.unlink()  # truth files are for accuracy tests; here they would only be skipped
    pdfs = [f for f in files if f.suffix == ".pdf"]
    blobs = {f: f.read_bytes() for f in pdfs}
    rng = random.Random(seed)
    for f in pdfs:
        k = rng.randint(1, 5)
        parts = [blobs[f]] + [blobs[rng.choice(pdfs)] for _ in range(k - 1)]
        f.write_bytes(_join_pdfs(parts) if k > 1 else parts[0])
    originals = list(files)
    for i in range(len(originals), n):
        src = originals[i % len(originals)]
        dst = out / f"{i:05d}-copy-{src.name}"
        dst.write_bytes(_variant(src, src.read_bytes(), i))
        files.append(dst)
    done.touch()
    return sorted(files)
