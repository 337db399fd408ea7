import importlib
import subprocess
import sys

from click.testing import CliRunner

from geomap import __version__
from geomap.cli.main import COMMANDS, cli


def test_help_documents_the_contract_and_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
    assert "Exit status" in result.output
    assert "--format table|jsonl|csv" in result.output


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["frobnicate"])
    assert result.exit_code == 2


def test_every_command_is_built():
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        assert module.command.name == name
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "not built yet" not in result.output


def test_console_script_runs_without_traceback_on_a_missing_file(tmp_path):
    missing = tmp_path / "nope.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "geomap", "validate", str(missing)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "nope.csv" in proc.stderr


def test_an_unexpected_error_is_one_line_and_verbose_shows_the_traceback(monkeypatch):
    import geomap.geocoder

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(geomap.geocoder, "geocode", explode)
    result = CliRunner().invoke(cli, ["geocode", "Erbil"])
    assert result.exit_code == 1
    assert "unexpected RuntimeError: disk on fire (run with -v for the details)" in result.output
    assert "Traceback" not in result.output
    verbose = CliRunner().invoke(cli, ["-v", "geocode", "Erbil"])
    assert isinstance(verbose.exception, RuntimeError)
