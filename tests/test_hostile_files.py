"""Hostile data files are refused in bounded time and memory with a file:line:col error (issue 13, bad input).

The same inputs also run through the real command line in tests/test_fuzz.py; these tests pin the messages
and positions in-process.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from drillsim.loading import DataFileError, Issue, read_yaml
from drillsim.loading.errors import MAX_SHOWN, excerpt
from drillsim.loading.input_files import MAX_DATA_FILE_BYTES, InputFileError, open_regular_file, read_regular_file
from drillsim.loading.yaml_source import MAX_DEPTH, MAX_LINES, MAX_NODES, parse_yaml
from tests.conftest import REPO

CORPUS = REPO / "tests" / "fuzz" / "yaml"


def _refusal(text: str) -> Issue:
    with pytest.raises(DataFileError) as caught:
        parse_yaml(text, Path("x.yaml"))
    assert len(caught.value.issues) == 1, caught.value.render()
    return caught.value.issues[0]


@pytest.mark.parametrize("text, line, col", [
    ("a: &a {x: *a}\n", 1, 11),
    ("a: &a [1, [*a]]\n", 1, 12),
    ("a: &a\n  b:\n    c: *a\n", 3, 8),
    ("&a {? *a : 1}\n", 1, 7),
])
def test_a_recursive_alias_is_refused_where_it_is_used(text: str, line: int, col: int) -> None:
    issue = _refusal(text)
    assert "recursive alias" in issue.message
    assert (issue.line, issue.col) == (line, col)


def test_an_alias_repeating_a_finished_node_is_still_fine() -> None:
    doc = parse_yaml("a: &a {x: 1}\nb: [*a, *a]\nc: &c [&d 1, *d]\n", Path("x.yaml"))
    assert doc.data == {"a": {"x": 1}, "b": [{"x": 1}, {"x": 1}], "c": [1, 1]}


def test_billion_laughs_is_refused_fast_and_small() -> None:
    text = (CORPUS / "billion-laughs.yaml").read_text()
    assert len(text.encode()) == 342  # the size quoted in the issue: 9**9 "lol" once expanded
    tracemalloc.start()
    started = time.perf_counter()
    issue = _refusal(text)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "with its aliases expanded" in issue.message and f"{MAX_NODES:,}" in issue.message
    assert issue.line == 5  # *d, 9**4 "lol" each, crosses the limit on line e
    assert seconds < 5 and peak < 50 << 20, (seconds, peak)


def test_expansion_counts_merge_keys_too() -> None:
    issue = _refusal((CORPUS / "alias-bomb-merge-keys.yaml").read_text())
    assert "with its aliases expanded" in issue.message


def test_nesting_deeper_than_the_limit_is_refused_at_its_position() -> None:
    ok = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert parse_yaml(ok, Path("x.yaml")).data is not None
    issue = _refusal("[" * 5000 + "]" * 5000)
    assert f"nested more than {MAX_DEPTH} levels" in issue.message
    assert (issue.line, issue.col) == (1, MAX_DEPTH + 1)
    block = "".join(" " * i + f"k{i}:\n" for i in range(200)) + " " * 200 + "v\n"
    assert _refusal(block).line == MAX_DEPTH


def test_more_values_than_the_limit_are_refused() -> None:
    parse_yaml("[" + "0," * (MAX_NODES - 2) + "0]", Path("x.yaml"))
    issue = _refusal("[" + "0," * MAX_NODES + "0]")
    assert "holds more than" in issue.message and "aliases" not in issue.message


def test_more_lines_than_the_limit_are_refused_before_parsing() -> None:
    started = time.perf_counter()
    issue = _refusal("\n" * (MAX_LINES + 1))
    assert (issue.line, issue.message) == (MAX_LINES + 1, f"more than {MAX_LINES:,} lines; drillsim reads no more "
                                                          "than that")
    assert time.perf_counter() - started < 1
    assert parse_yaml("# blank lines follow\n" + "\n" * (MAX_LINES - 2) + "a: 1\n", Path("x.yaml")).data == {"a": 1}


def test_shipped_data_files_stay_well_inside_the_limits() -> None:
    for path in sorted((REPO / "scenarios").rglob("*.yaml")):
        assert path.stat().st_size * 5 < MAX_DATA_FILE_BYTES, path
        assert read_yaml(path).data


# --- files that are not plain data files ------------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(DataFileError, match=r"pipe\.yaml: is a FIFO \(named pipe\); drillsim reads only regular"):
        read_yaml(tmp_path / "pipe.yaml")


@pytest.mark.parametrize("path, words", [("/dev/zero", "is a device"), ("/dev/null", "is a device"),
                                         ("/", "is a directory")])
def test_devices_and_directories_are_refused(path: str, words: str) -> None:
    with pytest.raises(DataFileError, match=words):
        read_yaml(Path(path))


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as file:
        file.truncate(50 << 20)  # sparse
    with pytest.raises(DataFileError, match=r"too large: 52,428,800 bytes \(the limit is 1,048,576 bytes\)"):
        read_yaml(huge)
    exact = tmp_path / "exact"
    exact.write_bytes(b"#" * MAX_DATA_FILE_BYTES)
    assert len(read_regular_file(exact, MAX_DATA_FILE_BYTES)) == MAX_DATA_FILE_BYTES
    with pytest.raises(InputFileError, match="too large"):
        read_regular_file(exact, MAX_DATA_FILE_BYTES - 1)


def test_open_regular_file_gives_a_blocking_binary_file(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"line\n")
    with open_regular_file(tmp_path / "a", 10) as file:
        assert os.get_blocking(file.fileno()) and file.read() == b"line\n"
    with pytest.raises(InputFileError, match="file not found"):
        open_regular_file(tmp_path / "b", 10)


def test_bad_utf8_is_pointed_at(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes("kind: plan\nid: 数据".encode() + b"\xff\n")
    with pytest.raises(DataFileError) as caught:
        read_yaml(tmp_path / "bad.yaml")
    issue = caught.value.issues[0]
    assert (issue.line, issue.col) == (2, 7) and "not UTF-8 text" in issue.message and "0xff" in issue.message


# --- bounded messages ------------------------------------------------------------------------------------


def test_a_long_line_is_quoted_around_the_column_only() -> None:
    line = "x" * 5000 + "^" + "y" * 5000
    issue = Issue("a.yaml", 1, 5001, (), "bad", line)
    quoted, caret = issue.render().splitlines()[1:3]
    assert len(quoted) < 140 and quoted.count("…") == 2
    assert caret.index("^") == quoted.index("^")
    assert excerpt("short", 3) == ("short", 3)
    start = excerpt("a" * 500, 1)
    assert start[0].endswith("…") and not start[0].startswith("…") and start[1] == 1


def test_a_huge_message_and_many_issues_stay_bounded() -> None:
    issue = Issue("a.yaml", 1, 1, ("id",), "found '" + "x" * 100_000 + "'", "id: x")
    assert len(issue.render()) < 1000
    error = DataFileError([issue] * (MAX_SHOWN + 50))
    assert error.render().count("a.yaml:1:1") == MAX_SHOWN
    assert error.render().endswith(f"… and 50 more\n\n{MAX_SHOWN + 50} problems")


# --- numbers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("old, new, message", [
    ("temperature_c: -8", "temperature_c: .nan", "expected a finite number, found nan"),
    ("probability: 0.5", "probability: -.inf", "expected a finite number, found -inf"),
    ("headcount: 200", "headcount: " + "9" * 41, f"expected a number < 10000000000000000, found {'9' * 41}"),
    ("temperature_c: -8", "temperature_c: 1e300", "expected a number < 1e+16, found 1e+300"),
    ("amount: 200000", "amount: -" + "1" * 20, "expected a number > -10000000000000000, found -" + "1" * 20),
    ("at: 25min", "at: 99999999999h", "is longer than 3650d"),
])
def test_non_finite_and_absurd_numbers_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    from drillsim.loading import validate_file
    from tests.conftest import MINI_MINE

    text = MINI_MINE.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "plans").symlink_to(REPO / "scenarios" / "plans")
    path = tmp_path / "mini.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    issues = validate_file(path)
    assert len(issues) == 1 and message in issues[0].message, [i.render() for i in issues]
    assert issues[0].line == text[:text.index(old)].count("\n") + 1
