"""The `kg` command through typer's CliRunner: build, query, viz, eval, and bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
DATA = Path(__file__).with_name("data")
COMMANDS = ["build", "query", "queries", "viz", "export", "eval"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("cli") / "graph.ttl"
    result = runner.invoke(app, ["build", str(DATA / "mini.jsonl"), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.mark.model
def test_build_prints_a_summary(built):
    out, output = built
    assert out.exists()
    assert re.search(r"read 2 records: 2 documents built, 0 skipped", output)
    assert re.search(r"said [1-9]", output) and re.search(r"demands [1-9]", output)


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_canned(built, fmt):
    out, _ = built
    result = runner.invoke(app, ["query", str(out), "who-said", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "ストルテンベルグ" in result.output
    if fmt == "json":
        assert json.loads(result.output)["results"]["bindings"]


def test_query_print_shows_the_sparql_with_its_parameter_bound():
    """--print gives the text to paste into another store: the parameter as an escaped VALUES block."""
    result = runner.invoke(app, ["query", str(Path(__file__).parent / "golden" / "mini.ttl"), "who-said",
                                 "--actor", 'プー"チン', "--print"])
    assert result.exit_code == 0, result.output
    assert 'VALUES ?actorName { "プー\\"チン" }' in result.output and "# bind" not in result.output


@pytest.mark.model
def test_query_binds_actor_safely(built):
    out, _ = built
    result = runner.invoke(app, ["query", str(out), "who-said", "--actor", "サキ", "--format", "csv"])
    assert result.exit_code == 0 and "ジェン・サキ" in result.output and "ストルテンベルグ" not in result.output
    evil = runner.invoke(app, ["query", str(out), "who-said", "--actor", '"} } DROP ALL #', "--format", "csv"])
    assert evil.exit_code == 0


@pytest.mark.model
def test_query_pages(built):
    out, _ = built
    args = ["query", str(out), "actor", "--format", "csv"]
    rows = runner.invoke(app, args).output.splitlines()
    assert len(rows) > 3
    first = runner.invoke(app, [*args, "--limit", "2"]).output.splitlines()
    second = runner.invoke(app, [*args, "--limit", "2", "--offset", "2"]).output.splitlines()
    assert first == rows[:3] and second == [rows[0], *rows[3:5]]
    assert runner.invoke(app, [*args, "--limit", "-1"]).exit_code != 0


@pytest.mark.model
def test_bad_sparql_is_one_line_error(built):
    out, _ = built
    result = runner.invoke(app, ["query", str(out), "SELECT WHERE {"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


@pytest.mark.model
def test_viz_writes_a_page(built, tmp_path):
    out, _ = built
    page = tmp_path / "n.html"
    result = runner.invoke(app, ["viz", str(out), "--out", str(page)])
    assert result.exit_code == 0, result.output
    assert "ストルテンベルグ" in page.read_text(encoding="utf-8")


def test_missing_input_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "g.ttl")])
    assert result.exit_code != 0
    assert "no such file" in result.output
    assert "Traceback" not in result.output


@pytest.mark.model
def test_nothing_buildable_fails_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "g.ttl"), "--quiet"])
    assert result.exit_code != 0
    assert "empty" in result.output and "binary" in result.output
    assert not (tmp_path / "g.ttl").exists() or (tmp_path / "g.ttl").stat().st_size > 0


@pytest.mark.model
def test_bad_record_is_reported_and_the_rest_builds(tmp_path):
    src = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": "ロシアのプーチン大統領は「戦争は望まない」と述べた。"}, ensure_ascii=False)
    src.write_text(good + "\n{not json\n" + json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "g.ttl"), "--report", str(report), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["documents"] == 1
    assert sorted(s["record"] for s in data["skipped"]) == [2, 3]
    assert data["summary"]["records"] == 3


@pytest.mark.model
def test_build_prints_what_it_changed_in_a_record(tmp_path):
    """A record built but altered (bytes replaced) is named on the console, not only in --report."""
    src = tmp_path / "nul.txt"
    src.write_bytes("ロシアのプーチン大統領は「戦争は望まない」と述べた。\x00".encode())
    result = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "g.ttl"), "-q"])
    assert result.exit_code == 0, result.output
    assert re.search(r"warning .*nul\.txt: 1 undecodable byte", result.output)
