"""A mirror copy reads like its original, and what users get is in the text's own characters.

The mirrors here are made from the project's generated corpus (invented reports): converted to
traditional characters with OpenCC and given a pinyin gloss after every few characters.
"""

from pathlib import Path

import opencc

from extractor import traditional
from extractor.pipeline import extract_file

from .conftest import ROOT, iter_spans

GENERATED = ROOT / "corpus" / "generated"
DOCUMENTS = sorted(p for p in GENERATED.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
TEXTS = [p for p in DOCUMENTS if p.suffix == ".txt"]


def _spans_index_text(result: dict) -> list[dict]:
    text = result["text"]
    body = {k: v for k, v in result.items() if k != "text"}
    return [s for s in iter_spans(body) if text[s["start"] : s["end"]] != s["text"]]


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _mirror(text: str, every: int = 4) -> str:
    """``text`` as a mirror site serves it: traditional, a gloss after every ``every``-th Han char."""
    out, han = [], 0
    for ch in opencc.OpenCC("s2t").convert(text):
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff":
            han += 1
            if han % every == 0:
                out.append("(xiàng)")
    return "".join(out)


def test_every_span_indexes_the_output_text_on_the_generated_corpus():
    assert DOCUMENTS
    bad = {p.name: _spans_index_text(extract_file(p)) for p in DOCUMENTS}
    assert {k: v for k, v in bad.items() if v} == {}


def _same(s: str) -> str:
    return s.translate(traditional.table()) if isinstance(s, str) else s


def _facts(result: dict) -> dict:
    """What the scorer compares, with names folded to simplified so a twin can be compared."""
    return {
        "budget": sorted((b["amount_yuan"] or 0, b["rate_pct"] or 0) for b in result["budget"]),
        "personnel": sorted(p["count"] for p in result["personnel"]),
        "people": sorted(
            (_same(p["name"]) or "", _same(p["role"]) or "") for p in result["people"]
        ),
        "indicators": [
            (_same(i["name"]), _same(i.get("level1")), i.get("target"), i.get("actual"))
            for i in result["indicators"]
        ],
        "year": result["report"].get("fiscal_year"),
        "department": _same(result["report"].get("department")),
    }


def test_a_traditional_mirror_with_pinyin_reads_like_its_original(tmp_path: Path):
    assert TEXTS
    differ, bad_spans, not_traditional = [], {}, []
    for path in TEXTS[::2]:  # half the corpus covers every shape and halves the time
        original = extract_file(path)
        twin_path = tmp_path / path.name
        twin_path.write_text(_mirror(_read(path)), encoding="utf-8")
        twin = extract_file(twin_path)
        if _facts(twin) != _facts(original):
            differ.append(path.name)
        if bad := _spans_index_text(twin):
            bad_spans[path.name] = bad
        if "(xiàng)" in twin["text"] or not traditional.is_traditional(twin["text"]):
            not_traditional.append(path.name)
    assert differ == []
    assert bad_spans == {}
    assert not_traditional == []  # glosses cut, characters as written


REPORT = """項目支出績效自評表(2023年度)
項目名稱:城區綠化養護工程
主管部門:星河縣林業局
填報人:趙明遠
| 一級指標 | 二級指標 | 三級指標 | 年度指標值 | 實際完成值 | 分值 | 得分 |
| 產出指標 | 數量指標 | 新增綠化面積 | ≥120畝 | 126畝 | 10 | 10 |
| 產出指標 | 質量指標 | 苗木成活率 | ≥95% | 97% | 10 | 10 |
"""


def test_values_come_back_in_the_reports_own_characters(tmp_path: Path):
    path = tmp_path / "mirror.txt"
    path.write_text(_mirror(REPORT, every=3), encoding="utf-8")
    result = extract_file(path)
    assert "(xiàng)" not in result["text"] and "項目支出績效自評表" in result["text"]
    assert _spans_index_text(result) == []
    names = [i["name"] for i in result["indicators"]]
    assert "苗木成活率" in names and "新增綠化面積" in names
    levels = {i["level1"] for i in result["indicators"]}
    assert levels == {"產出指標"}
    assert result["report"]["department"] == "星河縣林業局"
    assert result["report"]["fiscal_year"] == 2023
    # The project's own vocabulary stays simplified (other tools compare it with fixed words).
    assert all(b["scope"] is None or "門" not in b["scope"] for b in result["budget"])


def test_no_simplified_report_of_the_corpus_is_converted():
    # Converting would rewrite characters that are simplified too (乾, 後, 於): never do it.
    converted = [p.name for p in TEXTS if traditional.is_traditional(_read(p))]
    assert converted == []
