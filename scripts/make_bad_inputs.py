"""Build ``tests/fixtures/bad/``: malformed and hostile files, mixed with a few good ones.

Run ``python scripts/make_bad_inputs.py`` (LibreOffice optional: without it the .doc made from
HTML is skipped). Output is deterministic (fixed random seed, fixed zip timestamps).
``tests/test_bad_inputs.py`` names the outcome it expects for every file written here; files
that cannot live in git (mode 000, symlink loops) are made by the test itself.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import docx
from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "seed" / "qiemo-kexie-2021-monitoring"
OUT = ROOT / "tests" / "fixtures" / "bad"
FONT = "STSong-Light"
ZIP_TIME = (2021, 7, 4, 9, 0, 0)
SENTENCE = "我部门2021年预算41.12万元，实际到位资金16.14万元，到位率39.25%。"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

rng = random.Random(20210704)


def seed_text() -> str:
    return SEED.with_suffix(".txt").read_text(encoding="utf-8")


def pdf_bytes(lines: list[str], pagesize=(595, 842), encrypt: str | None = None) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption(encrypt, ownerPassword="owner") if encrypt else None
    canvas = Canvas(buf, pagesize=pagesize, encrypt=enc, invariant=1)
    canvas.setFont(FONT, 10.5)
    for i, line in enumerate(lines):
        canvas.drawString(72, pagesize[1] - 72 - 16 * i, line)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def thousand_pages() -> bytes:
    """1,000 tiny pages (1 inch square), a word on each: small file, many pages."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(72, 72), invariant=1, pageCompression=1)
    for i in range(1000):
        canvas.setFont("Helvetica", 6)
        canvas.drawString(4, 30, f"page {i + 1}")
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return rezip(buf.getvalue())


def zinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def stable(name: str, body: bytes) -> bytes:
    """Drop the creation/modification times openpyxl and python-docx write into core.xml."""
    if name != "docProps/core.xml":
        return body
    return re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\w+>", b"", body)


def rezip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """Rewrite a zip with fixed timestamps, replacing some parts."""
    replace = replace or {}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = replace.get(info.filename, src.read(info.filename))
            z.writestr(zinfo(info.filename), stable(info.filename, body), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
        f"<w:document {W_NS}><w:body>{body}</w:body></w:document>"
    ).encode()


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def nested_tables(depth: int) -> bytes:
    inner = para(f"第{depth}层：预算执行率 34.39%")
    for level in range(depth, 0, -1):
        inner = f"<w:tbl><w:tr><w:tc>{para(f'第{level}层')}{inner}<w:p/></w:tc></w:tr></w:tbl>"
    return rezip(docx_bytes(["嵌套表格"]), {"word/document.xml": document_xml(inner + para("完"))})


BILLION_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>\n"
)
XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def zip_bomb(megabytes: int) -> bytes:
    """A .docx whose document.xml inflates to ``megabytes`` MB of spaces (~1000:1)."""
    good = zipfile.ZipFile(io.BytesIO(docx_bytes(["x"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in good.infolist():
            if info.filename == "word/document.xml":
                with z.open(zinfo(info.filename), "w") as part:
                    part.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
                    chunk = b" " * (1 << 20)
                    for _ in range(megabytes):
                        part.write(chunk)
            else:
                z.writestr(zinfo(info.filename), good.read(info.filename))
    return out.getvalue()


def lie_about_sizes(data: bytes, name: str, size: int) -> bytes:
    """Patch one entry's declared uncompressed size (local header and central directory)."""
    buf = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    struct.pack_into("<I", buf, info.header_offset + 22, size)
    pos = buf.find(b"PK\x01\x02")
    while pos >= 0:
        n = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46 : pos + 46 + n]) == name.encode():
            struct.pack_into("<I", buf, pos + 24, size)
            break
        pos = buf.find(b"PK\x01\x02", pos + 4)
    return bytes(buf)


def xlsx_with_entities() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "指标"
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    sheet = src.read("xl/worksheets/sheet1.xml").decode().replace("指标", "&lol9;")
    sheet = BILLION_LAUGHS.replace("w:document", "worksheet") + sheet
    return rezip(buf.getvalue(), {"xl/worksheets/sheet1.xml": sheet.encode()})


def flate_bomb_pdf(megabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB (mostly spaces)."""
    packer = zlib.compressobj(9)
    stream = packer.compress(b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET\n")
    chunk = b" " * (1 << 20)
    stream += b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objs)


def _pdf(objs: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    n = len(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % n
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref)
    return out


def zero_pages_pdf() -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out


def xref_loop_pdf() -> bytes:
    """A PDF whose cross-reference chain points back to itself (/Prev = its own offset)."""
    good = zero_pages_pdf().replace(b"/Kids [] /Count 0", b"/Kids [] /Count 1")
    xref = good.rindex(b"xref\n")
    return good.replace(b"/Size 3 /Root 1 0 R", b"/Size 3 /Root 1 0 R /Prev %d" % xref)


def missing_sheet_xlsx() -> bytes:
    import openpyxl

    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    return _zip(
        {i.filename: src.read(i) for i in src.infolist() if "worksheets/" not in i.filename}
    )


def html_doc() -> bytes:
    lines = seed_text().split("\n")[:12]
    body = "".join(f"<p>{line}</p>" for line in lines if line.strip())
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8">'
        f"<title>绩效监控报告</title></head><body>{body}</body></html>"
    ).encode()


def files() -> dict[str, bytes]:
    seed_pdf = SEED.with_suffix(".pdf").read_bytes()
    seed_docx = SEED.with_suffix(".docx").read_bytes()
    text = seed_text()
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rng.getrandbits(8) for _ in range(8192))
    return {
        # empty and nearly empty
        "empty.txt": b"",
        "blank-lines.txt": b"\n \r\n\t\n   \n",
        "nul-only.txt": b"\x00" * 1024,
        # truncated and damaged containers
        "truncated.pdf": seed_pdf[: len(seed_pdf) // 2],
        "损坏的报告 第2版.pdf": seed_pdf[: len(seed_pdf) // 3],
        "header-only.pdf": b"%PDF-1.7\n",
        "zero-pages.pdf": zero_pages_pdf(),
        "truncated.docx": seed_docx[: len(seed_docx) // 2],
        "truncated.xlsx": xlsx_with_entities()[:900],
        "not-a-docx.docx": _zip({"readme.txt": b"just a zip"}),
        "malformed-xml.docx": rezip(seed_docx, {"word/document.xml": b"<w:document><w:body><w:p>"}),
        # random bytes and binaries with report names
        "random-bytes.pdf": bytes(rng.getrandbits(8) for _ in range(65536)),
        "random-bytes.docx": bytes(rng.getrandbits(8) for _ in range(4096)),
        "binary.txt": b"\x7fELF\x02\x01\x01" + bytes(rng.getrandbits(8) for _ in range(4096)),
        "picture.pdf": b"\x89PNG\r\n\x1a\n" + bytes(rng.getrandbits(8) for _ in range(512)),
        "garbage-ole.doc": ole,
        "garbage-ole.xls": ole[:512] + "Workbook".encode("utf-16-le") + ole[512:],
        # what Word writes for a password-protected .docx: an OLE file with an EncryptedPackage
        "password-protected.docx": ole[:512] + "EncryptedPackage".encode("utf-16-le") + ole[512:],
        "empty-zip.docx": _zip({}),
        "no-content-types.docx": _zip({"word/document.xml": document_xml(para("预算 41.12 万元"))}),
        "missing-sheet.xlsx": missing_sheet_xlsx(),
        "garbage-after-header.pdf": b"%PDF-1.4\n" + bytes(rng.getrandbits(8) for _ in range(4096)),
        "xref-loop.pdf": xref_loop_pdf(),
        "flate-bomb.pdf": flate_bomb_pdf(300),
        # password-protected
        "encrypted.pdf": pdf_bytes(["机密：绩效监控报告"], encrypt="secret"),
        # hostile containers
        "zip-bomb.docx": zip_bomb(300),
        "zip-bomb-lying-sizes.docx": lie_about_sizes(zip_bomb(40), "word/document.xml", 2048),
        "billion-laughs.docx": rezip(
            seed_docx,
            {"word/document.xml": document_xml(para("&lol9;"), BILLION_LAUGHS)},
        ),
        "xxe-external-entity.docx": rezip(
            seed_docx, {"word/document.xml": document_xml(para("&xxe;"), XXE)}
        ),
        "billion-laughs.xlsx": xlsx_with_entities(),
        "nested-tables-300.docx": nested_tables(300),
        "too-large.txt": (SENTENCE * 30_000).encode(),
        # hard but readable: these must be extracted
        "nested-tables-20.docx": nested_tables(20),
        "enormous-paragraph.txt": (SENTENCE * 2_500).encode(),
        "enormous-paragraph.docx": docx_bytes([SENTENCE * 2_500]),
        "thousand-pages.pdf": thousand_pages(),
        "gbk-report.utf8.txt": text.encode("gbk"),
        "nul-bytes.txt": text[:400].replace("。", "。\x00").encode("utf-8"),
        "带 空格 的 报告 (副本).txt": text.encode("utf-8"),
        "真的是PDF.docx": pdf_bytes(text.split("\n")[:20]),
        "really-a-docx.pdf": docx_bytes(text.split("\n")[:30]),
        "html-saved-as.doc": html_doc(),
        "x.pdf/report-inside-a-folder-named-like-a-file.txt": text[:1000].encode("utf-8"),
    }


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(zinfo(name), stable(name, body))
    return out.getvalue()


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    for name, data in files().items():
        target = OUT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"{len(list(OUT.rglob('*')))} entries in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
