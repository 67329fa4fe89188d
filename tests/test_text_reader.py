import pytest

from extractor.errors import ReadError
from extractor.readers import read_bytes, read_file
from extractor.sniff import sniff_format

LINE = "且末县科学技术协会编制数 1 人，实有人数 3 人。"


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
    ],
)
def test_encodings_by_strict_decoding(encoding, expected):
    reading = read_bytes(LINE.encode(encoding), "x.txt")
    assert reading.encoding == expected
    assert reading.blocks[0].text == LINE


def test_short_gbk_is_not_read_as_thai():
    reading = read_bytes("组长：李斌".encode("gbk"), "short.txt")
    assert reading.blocks[0].text == "组长：李斌"


def test_crlf_and_blank_lines():
    reading = read_bytes("一\r\n\r\n二\r三\n".encode(), "x.txt")
    assert [b.text for b in reading.blocks] == ["一", "二", "三"]


def test_format_is_sniffed_from_bytes_not_extension(tmp_path):
    f = tmp_path / "report.pdf"
    f.write_text(LINE, encoding="gb18030")
    assert read_file(f).format == "txt"
    assert sniff_format(b"%PDF-1.7\n") == "pdf"
    assert sniff_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100) == "doc"


def test_errors_name_file_and_reason(tmp_path):
    with pytest.raises(ReadError) as e:
        read_file(tmp_path / "missing.txt")
    assert e.value.kind == "not_found" and "missing.txt" in str(e.value)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReadError) as e:
        read_file(empty)
    assert e.value.kind == "empty"
    with pytest.raises(ReadError) as e:
        read_file(tmp_path)
    assert e.value.kind == "is_directory"
