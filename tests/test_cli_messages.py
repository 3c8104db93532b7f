"""`kg` speaks to users: exit codes in --help, ordinary failures named as such, warnings, progress."""

from __future__ import annotations

import errno
import json
import logging
import os

import pytest

from kg.cli import EXIT_FAIL, EXIT_OK, EXIT_PARTIAL, main

TEXT = "重庆市北碚区委书记 陈立出席缙云山生态保护座谈会。\n"


def run(argv, capsys):
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"]])
def test_cli_messages_help_lists_exit_codes(argv, capsys):
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    assert "exit status" in out
    for code in (EXIT_OK, EXIT_FAIL, 2, EXIT_PARTIAL):
        assert f"  {code}  " in out
    assert "skipped" in out.split(f"  {EXIT_PARTIAL}  ")[1]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder


@pytest.mark.parametrize("output", ["afile", "afile/sub"])
@pytest.mark.parametrize("command", ["build", "export", "view"])
def test_cli_messages_output_is_a_file(tmp_path, corpus, capsys, output, command):
    (tmp_path / "afile").write_text("not a folder")
    graph = tmp_path / "g" / "graph.json"
    if command != "build":
        assert run(["build", corpus, "-o", graph.parent, "--no-progress", "--format", "json"], capsys)[0] == EXIT_OK
    argv = {"build": ["build", corpus, "--no-progress"],
            "export": ["export", graph],
            "view": ["view", "北碚区", "--graph", graph]}[command]
    target = tmp_path / output if command != "view" else tmp_path / output / "v.html"
    code, err = run([*argv, "-o", target], capsys)
    assert code == EXIT_FAIL
    assert "unexpected" not in err and "report it" not in err
    assert f"{tmp_path / 'afile'} is a file, not a folder" in err and "-o" in err


def test_cli_messages_full_disk_names_the_output(tmp_path, corpus, capsys, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "out"
    code, err = run(["build", corpus, "-o", out, "--no-progress", "--no-cache"], capsys)
    assert code == EXIT_FAIL
    assert "unexpected" not in err and "report it" not in err
    assert f"cannot write {out}: the disk is full" in err and "-o" in err
    assert not out.exists()             # nothing half-written: the folder this build made is gone


def test_cli_messages_verbose_shows_the_traceback_of_a_bug(tmp_path, corpus, capsys, monkeypatch, caplog):
    def bug(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("kg.run.build.build_graph", bug)
    caplog.set_level(logging.INFO)      # what -v shows
    code, err = run(["-v", "build", corpus, "-o", tmp_path / "out", "--no-progress", "--no-cache"], capsys)
    assert code == EXIT_FAIL and "unexpected ZeroDivisionError" in err and "-v" in err
    shown = [r for r in caplog.records if r.exc_info and r.levelno >= logging.INFO]
    assert shown and shown[0].exc_info[0] is ZeroDivisionError


def test_cli_messages_damaged_utf8_warns_and_strict_refuses(tmp_path, corpus, capsys):
    data = (TEXT * 3).encode("utf-8")
    (corpus / "b.txt").write_bytes(data[:12] + b"\xff" + data[12:])
    code, err = run(["build", corpus, "-o", tmp_path / "out", "--no-progress", "--no-cache"], capsys)
    assert code == EXIT_OK
    (line,) = [ln for ln in err.splitlines() if "b.txt" in ln]
    assert line.startswith("kg: warning: ") and "byte offset(s) 12" in line
    assert "2 documents, 1 read with damage" in err
    code, err = run(["build", corpus, "-o", tmp_path / "strict", "--no-progress", "--no-cache", "--strict"], capsys)
    assert code == EXIT_FAIL and "--strict" in err and "b.txt" in err
    assert not (tmp_path / "strict").exists()


def test_cli_messages_surrogates_in_jsonl_metadata_build(tmp_path, capsys):
    f = tmp_path / "news.jsonl"
    f.write_text(r'{"id": "x\ud800y", "title": "\udc00标题", "text": "%s"}' % TEXT.strip() + "\n", encoding="utf-8")
    code, err = run(["build", f, "-o", tmp_path / "out", "--no-progress", "--no-cache"], capsys)
    assert code == EXIT_OK, err
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert {d for n in graph["nodes"] for d in n["docs"]} == {"news.jsonl#xy"}


def test_cli_messages_output_inside_the_inputs_is_not_read_back(tmp_path, corpus, capsys, monkeypatch):
    monkeypatch.chdir(corpus)
    for _ in range(2):                  # cd corpus && kg build .   (twice: output/ is inside)
        code, err = run(["build", ".", "--no-progress"], capsys)
        assert code == EXIT_OK and "skipped" not in err and "1 documents" in err, err
    nested = tmp_path / "nest"
    nested.mkdir()
    (nested / "a.txt").write_text(TEXT, encoding="utf-8")
    for _ in range(2):                  # kg build nest -o nest/out, twice
        code, err = run(["build", nested, "-o", nested / "out", "--no-progress", "--no-cache"], capsys)
        assert code == EXIT_OK and "skipped" not in err and "1 documents" in err, err


def test_cli_messages_progress_shows_a_total(tmp_path, corpus, capsys):
    (corpus / "b.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "c.jsonl").write_text("".join(json.dumps({"id": i, "text": TEXT}, ensure_ascii=False) + "\n"
                                            for i in range(3)), encoding="utf-8")
    code, err = run(["build", corpus, "-o", tmp_path / "out", "--no-cache"], capsys)
    assert code == EXIT_OK
    assert "0/5 [" in err and "0%|" in err          # a total and a share: tqdm shows an ETA then
    assert err.rstrip().splitlines()[-1].split("\r")[-1].startswith("kg: 5 documents")
