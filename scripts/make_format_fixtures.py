"""Build ``tests/fixtures/formats/``: the same reports in the formats people also submit.

- ``seed.doc``: the seed .docx saved as Word 97 by LibreOffice (needs ``soffice``).
- ``selfeval.docx`` / ``selfeval.xlsx`` / ``selfeval.xls``: one 自评表 form (the table of
  ``corpus/generated/003-selfeval_table_docx.docx`` with its title and footer as merged rows),
  written once as a Word table and once as a workbook with numbers stored as numbers
  (``80.53%`` is 0.8053 formatted ``0.00%``); the .xls is LibreOffice's conversion of the .xlsx
  (needs ``libreoffice-calc-nogui``).
- ``scanned.pdf``: page 1 of the seed PDF rendered to a 144-dpi image and wrapped in an
  image-only PDF (no text layer), as a scanner would give it. Rendering needs a CJK font
  (fonts-wqy-zenhei) because the seed PDF does not embed its font.

Run ``python scripts/make_format_fixtures.py``. The .docx/.xlsx are byte-identical from run to
run (fixed zip timestamps, no creation dates); LibreOffice's .doc/.xls carry its own timestamps.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
import openpyxl
import pypdfium2
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.model import RawCell  # noqa: E402
from extractor.readers import read_file  # noqa: E402

SEED = ROOT / "corpus" / "seed" / "qiemo-kexie-2021-monitoring"
FORM = ROOT / "corpus" / "generated" / "003-selfeval_table_docx.docx"
OUT = ROOT / "tests" / "fixtures" / "formats"
ZIP_TIME = (2021, 7, 4, 9, 0, 0)


def soffice_convert(src: Path, target: str, out_dir: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--norestore", "--convert-to", target, "--outdir", str(out_dir), str(src)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    return out_dir / f"{src.stem}.{target.split(':')[0]}"


def form_grid() -> list[list[RawCell | None]]:
    """The 自评表 as one grid: title and year rows on top, the footer row at the bottom."""
    reading = read_file(FORM)
    table = next(b for b in reading.blocks if b.kind == "table")
    paras = [b.text for b in reading.blocks if b.kind == "paragraph"]
    width = len(table.rows[0])

    def banner(text: str) -> list[RawCell | None]:
        return [RawCell(text, 1, width)] + [None] * (width - 1)

    return [banner(paras[0]), banner(paras[1]), *table.rows, banner(paras[-1])]


def write_docx(grid: list[list[RawCell | None]], out: Path) -> None:
    d = docx.Document()
    table = d.add_table(rows=len(grid), cols=len(grid[0]))
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            table.cell(r, c).text = cell.text
            if cell.rowspan > 1 or cell.colspan > 1:
                table.cell(r, c).merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
    buf = io.BytesIO()
    d.save(buf)
    out.write_bytes(_fixed_zip(buf.getvalue()))


def typed(text: str) -> tuple[object, str]:
    """A cell as Excel would store it: numbers as numbers with the format that displays them."""
    if m := re.fullmatch(r"(\d+)(?:\.(\d+))?", text):
        places = len(m.group(2) or "")
        return (float(text) if places else int(text)), ("0." + "0" * places if places else "0")
    if m := re.fullmatch(r"(\d+(?:\.(\d+))?)%", text):
        places = len(m.group(2) or "")
        value = round(float(m.group(1)) / 100, places + 2)
        return value, "0." + "0" * places + "%" if places else "0%"
    return text, "General"


def write_xlsx(grid: list[list[RawCell | None]], out: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for r, row in enumerate(grid, start=1):
        for c, cell in enumerate(row, start=1):
            if cell is None or not cell.text:
                continue
            value, fmt = typed(cell.text)
            target = ws.cell(r, c, value)
            target.number_format = fmt
            if cell.text.startswith("="):  # "=100%" is a target value, not a formula
                target.data_type = "s"
    for r, row in enumerate(grid, start=1):
        for c, cell in enumerate(row, start=1):
            if cell is not None and (cell.rowspan > 1 or cell.colspan > 1):
                ws.merge_cells(
                    start_row=r, start_column=c,
                    end_row=r + cell.rowspan - 1, end_column=c + cell.colspan - 1,
                )  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    out.write_bytes(_fixed_zip(buf.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            body = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\w+>", b"", body)
            z.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_scanned(out: Path) -> None:
    page = pypdfium2.PdfDocument(str(SEED.with_suffix(".pdf")))[0]
    width, height = page.get_size()
    image = page.render(scale=2).to_pil().convert("L")
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=75)
    pdf = io.BytesIO()
    canvas = Canvas(pdf, pagesize=(width, height), invariant=1)
    canvas.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width, height)
    canvas.showPage()
    canvas.save()
    out.write_bytes(pdf.getvalue())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    grid = form_grid()
    write_docx(grid, OUT / "selfeval.docx")
    write_xlsx(grid, OUT / "selfeval.xlsx")
    write_scanned(OUT / "scanned.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        doc = soffice_convert(SEED.with_suffix(".docx"), "doc:MS Word 97", Path(tmp))
        (OUT / "seed.doc").write_bytes(doc.read_bytes())
        xls = soffice_convert(OUT / "selfeval.xlsx", "xls:MS Excel 97", Path(tmp))
        (OUT / "selfeval.xls").write_bytes(xls.read_bytes())
    for f in sorted(OUT.iterdir()):
        print(f"{f.stat().st_size:>9,}  {f.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
