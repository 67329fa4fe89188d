"""Legacy Word files (.doc, WPS, .rtf, HTML saved as .doc) via LibreOffice → .docx → docx reader.

python-docx cannot open the binary Word format, and the text-only tools (antiword, catdoc) lose
tables or merges. LibreOffice headless converts with tables and merged cells intact. Each call:
- runs in its own temporary folder with its own user profile (``-env:UserInstallation``): calls
  sharing a profile fail silently when they overlap;
- is an argument list, never a shell command, with the input under a fixed safe name;
- forces the import filter of the sniffed format, so garbage is not "rescued" as plain text;
- has a time limit, after which the whole process group is killed;
- is verified: the output must exist, be a .docx, and hold text.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from ..errors import ReadError
from ..sniff import sniff_format
from . import Reading
from . import docx as docx_reader
from .guard import check_zip

TIMEOUT_S = 120  # a cold profile plus a long report; a normal call takes 2–4 s
# sniffed format → (file suffix LibreOffice expects, import filter name)
IMPORT = {
    "doc": (".doc", "MS Word 97"),
    "rtf": (".rtf", "Rich Text Format"),
    "html": (".html", "HTML (StarWriter)"),
}
INSTALL_HINT = (
    "install LibreOffice to read it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
    "fonts-wqy-zenhei; or set JIXIAO_SOFFICE to the soffice program); see docs/formats.md"
)


# HTML may reference remote or local resources LibreOffice would load (images, frames, styles):
# none carries report text, so they are removed before conversion and nothing is fetched.
_HTML_EXTERNAL = re.compile(
    rb"<(script|style)\b.*?</\1\s*>|<(?:img|link|iframe|frame|object|embed|base|meta\s+http-equiv)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)


def find_soffice() -> str | None:
    """The LibreOffice program: ``$JIXIAO_SOFFICE``, else ``soffice``/``libreoffice`` on PATH."""
    explicit = os.environ.get("JIXIAO_SOFFICE")
    if explicit:
        return explicit if Path(explicit).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def _run(cmd: list[str], cwd: str, timeout: float) -> subprocess.CompletedProcess:
    """Run with a time limit; on timeout kill the whole group (soffice forks soffice.bin)."""
    env = {**os.environ, "HOME": cwd, "TMPDIR": cwd}
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def to_docx(data: bytes, path: str, fmt: str, timeout: float = TIMEOUT_S) -> bytes:
    """Convert ``data`` (sniffed as ``fmt``) to .docx bytes with LibreOffice."""
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(
            path, "converter_missing", f"a .{fmt} file needs LibreOffice: {INSTALL_HINT}"
        )
    suffix, infilter = IMPORT[fmt]
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as tmp:
        src = Path(tmp, "input" + suffix)
        src.write_bytes(data)
        out_dir = Path(tmp, "out")
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            f"--infilter={infilter}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(src),
        ]
        try:
            done = _run(cmd, tmp, timeout)
        except subprocess.TimeoutExpired as e:
            raise ReadError(
                path, "timeout", f"LibreOffice did not finish in {timeout:.0f} s"
            ) from e
        except OSError as e:
            raise ReadError(path, "converter_missing", f"cannot run {soffice}: {e}") from e
        result = out_dir / "input.docx"
        if not result.is_file() or result.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else f"exit code {done.returncode}, no output"
            raise ReadError(
                path, "corrupt", f"LibreOffice could not convert this .{fmt} ({reason})"
            )
        converted = result.read_bytes()
    if sniff_format(converted) != "docx":
        raise ReadError(path, "corrupt", "LibreOffice's output is not a .docx")
    return converted


def _lo_version(docx_bytes: bytes) -> str:
    """LibreOffice's version as it wrote it into docProps/app.xml (no second process needed)."""
    try:
        app = zipfile.ZipFile(BytesIO(docx_bytes)).read("docProps/app.xml").decode("utf-8")
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return "LibreOffice"
    m = re.search(r"<Application>LibreOffice/([\d.]+)", app)
    return f"LibreOffice {m.group(1)}" if m else "LibreOffice"


def read(data: bytes, path: str, fmt: str | None = None) -> Reading:
    """Read a .doc/.wps/.rtf/HTML report by converting it to .docx first."""
    fmt = fmt or sniff_format(data)
    if fmt == "encrypted_office":
        raise ReadError(
            path,
            "encrypted",
            "a password-protected Word/Excel file (an encrypted package): save a copy without "
            "the password and extract that",
        )
    if fmt == "html":
        data = _HTML_EXTERNAL.sub(b"", data)
    converted = to_docx(data, path, fmt)
    check_zip(converted, path)
    reading = docx_reader.read(converted, path)
    if not any(b.text.strip() or b.rows for b in reading.blocks):
        raise ReadError(path, "empty", f"LibreOffice found no text in this .{fmt}")
    reading.format = fmt
    reading.parser = f"{_lo_version(converted)} → {reading.parser}"
    reading.warnings.insert(0, f"converted from .{fmt} to .docx with LibreOffice")
    return reading
