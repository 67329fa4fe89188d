"""The word table answers exactly what jieba's loaded dictionary would, from a file on disk."""

from __future__ import annotations

import jieba
import pytest

from extractor.extract import jieba_words

# A small dictionary in jieba's format (word, frequency, tag), invented for the test; 大河 twice
# so that jieba's total (which counts both lines) differs from the sum of the table's values.
DICT = """大河 30 ns
大河 40 ns
大河村 20 ns
河村 5 nr
村委会 80 nt
委员 300 n
会计 500 n
计划 600 n
出纳 90 n
"""


@pytest.fixture()
def dictionary(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text(DICT, encoding="utf-8")
    tok = jieba.Tokenizer(str(path))
    tok.tmp_dir = str(tmp_path)
    tok.initialize()
    tags = {line.split()[0]: line.split()[2] for line in DICT.splitlines()}
    return tok, tags


def test_table_file_answers_like_jieba(tmp_path, dictionary):
    tok, tags = dictionary
    db = tmp_path / "cache" / "words.sqlite"
    jieba_words._write(db, tok.FREQ, tok.total, tags)
    table = jieba_words.WordTable(db)
    assert table.total == tok.total == 1665
    for word in [*tok.FREQ, "不在", "大", "村委"]:
        assert (word in table) == (word in tok.FREQ)
        assert table.get(word) == tok.FREQ.get(word)
        assert table.tag(word) == tags.get(word)
    assert table["大河"] == 40  # the later line wins, as in jieba
    with pytest.raises(KeyError):
        table["不在"]


def test_segmentation_with_the_table_is_jiebas(tmp_path, dictionary):
    tok, tags = dictionary
    db = tmp_path / "words.sqlite"
    jieba_words._write(db, tok.FREQ, tok.total, tags)
    seg = jieba_words.segmenter(jieba_words.WordTable(db))
    for line in ["大河村委会计划出纳", "河村委员会计", "大河村张某某委员", "出纳 会计"]:
        assert seg.lcut(line) == tok.lcut(line)


def test_table_in_memory_when_no_file(dictionary):
    tok, tags = dictionary
    table = jieba_words.WordTable(None, (tok.FREQ, tok.total, tags))
    assert table.total == tok.total
    assert (
        table.tag("村委会") == "nt"
        and table.get("村委") == 0
        and "河" in table
        and "海" not in table
    )


def test_cache_folder_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "c"))
    assert jieba_words.cache_dir() == tmp_path / "c"
    monkeypatch.delenv("JIXIAO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert jieba_words.cache_dir() == tmp_path / "x" / "jixiao"


def test_shipped_dictionary_words():
    # The real table (written on first use): tags and cuts as jieba gives them.
    jieba.setLogLevel(60)
    assert jieba_words.lcut("李大武进行监督") == jieba.lcut("李大武进行监督")
    assert jieba_words.tag("财务科") is not None
    assert jieba_words.freq("不在词典里的某某某") == 0
