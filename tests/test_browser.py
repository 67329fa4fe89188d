"""One real headless Chromium against `jixiao serve`: what a person sees on two pages."""

from __future__ import annotations

import html
import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .browser_cdp import Browser
from .explore_db import SCRIPT, build_explore_db

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)"
)
# Flags for this closed network (see the machine notes): no background connections, no sandbox
# (CI runs as root), a fresh profile per run.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`jixiao serve` on a copy of the pipeline's database; yields (base URL, db path)."""
    db = tmp_path_factory.mktemp("browser") / "reports.db"
    shutil.copy(build_explore_db(tmp_path_factory.getbasetemp() / "explore"), db)
    port = free_port()
    jixiao = Path(sys.executable).with_name("jixiao")
    proc = subprocess.Popen(
        [str(jixiao), "serve", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc)
        yield base, db
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _wait_until_up(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60  # a readiness wait, not a timing assertion
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"jixiao serve exited: {proc.stdout.read().decode()}")
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("jixiao serve did not start within 60 s")


def rendered_dom(url: str, profile: Path) -> str:
    """The page's DOM after Chromium loaded it and ran its scripts."""
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def seen_text(dom: str) -> str:
    body = re.search(r"<body\b[^>]*>(.*)</body>", dom, re.S).group(1)
    body = re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_home_page_and_source_view_in_a_real_browser(site, tmp_path):
    base, db = site
    home = rendered_dom(base + "/", tmp_path / "profile-home")
    text = seen_text(home)
    n_reports = sqlite3.connect(db).execute("SELECT count(*) FROM reports").fetchone()[0]
    assert "jixiao 绩效报告数据库" in text
    assert f"{n_reports} 份报告" in text and "全文检索" in text

    row_id, span_text = (
        sqlite3.connect(db)
        .execute("SELECT id, span_text FROM indicators WHERE name LIKE '%<script>%'")
        .fetchone()
    )
    page = rendered_dom(f"{base}/-/jixiao/source/reports/indicators/{row_id}", tmp_path / "p2")
    body_tag = re.search(r"<body\b[^>]*>", page).group(0)
    assert "data-pwned" not in body_tag  # the report's <script> did not run
    mark = re.search(r'<mark id="hit">(.*?)</mark>', page, re.S)
    assert mark and html.unescape(mark.group(1)) == span_text
    seen = seen_text(page)
    assert SCRIPT in seen  # shown to the reader as text
    assert "绩效指标" in seen and "全年开展" in seen and "查看报告全文" in seen


def test_a_reviewer_dismisses_a_finding_in_the_browser(site, tmp_path):
    """Click a finding's key, fill the form (its CSRF token comes with the page), submit: the
    mark is stored in the reviews file and the finding leaves the default list."""
    base, db = site
    conn = sqlite3.connect(db)
    key, message = conn.execute(
        "SELECT key, message FROM findings WHERE severity = 'warning' ORDER BY id LIMIT 1"
    ).fetchone()
    conn.close()
    note, reviewer = "与批复口径一致，不是问题", "周审核"
    browser = Browser(CHROMIUM, FLAGS, tmp_path / "profile-review")
    try:
        listing = f"{base}/reports/findings_list?severity=warning"
        browser.open(listing)
        selector = json.dumps(f'a.jixiao-mark[href$="{key}"]')
        href = browser.evaluate(f"document.querySelector({selector}).href")
        browser.open(href)
        assert browser.evaluate("document.querySelector('input[name=key]').value") == key
        browser.evaluate(
            "(() => { const f = document.querySelector('input[name=csrftoken]').form;"
            " f.elements.status.value = 'dismissed';"
            f" f.elements.note.value = {json.dumps(note)};"
            f" f.elements.reviewer.value = {json.dumps(reviewer)};"
            " f.submit(); return true; })()"
        )
        browser.wait_for("document.body.innerText.includes('已记录审核标记')")
        reviews = sqlite3.connect(db.with_name(f"{db.stem}-reviews.db"))
        stored = reviews.execute("SELECT status, note, reviewer FROM reviews WHERE key = ?", [key])
        assert stored.fetchall() == [("dismissed", note, reviewer)]
        reviews.close()
        browser.open(listing)
        assert key not in browser.evaluate("document.body.innerText")
        browser.open(f"{base}/reports/findings_dismissed")
        seen = browser.evaluate("document.body.innerText")
        assert key in seen and note in seen and reviewer in seen and message in seen
    finally:
        browser.close()
