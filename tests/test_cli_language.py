"""The command line's own words in kk, ru and en: click's "Usage:"/"Error:", the commands' --help (decision 0025)."""

from __future__ import annotations

import inspect

import click
import pytest
from click.testing import CliRunner

from kopir.cli import main
from kopir.command_language import catalogue, command_line_language

NO_LOCALE = {"KOPIR_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


@pytest.mark.parametrize(
    ("args", "environ", "expected"),
    [
        (["simulate", "--lang", "ru"], {"KOPIR_LANG": "kk"}, "ru"),
        (["stats", "compute", "--lang=kk"], {"LANG": "ru_RU.UTF-8"}, "kk"),
        (["serve", "--help"], {"KOPIR_LANG": "kk", "LANG": "ru_RU.UTF-8"}, "kk"),
        (["serve"], {"LC_ALL": "ru_KZ.UTF-8", "LANG": "kk_KZ.UTF-8"}, "ru"),
        (["serve"], {"LANG": "kk_KZ.UTF-8"}, "kk"),
        (["serve"], {"LANG": "C.UTF-8"}, "en"),
        (["serve"], {"KOPIR_LANG": "de", "LANG": "de_DE.UTF-8"}, "en"),
        (["simulate", "--lang", "de"], {}, "en"),
        (["simulate", "--", "--lang", "ru"], {}, "en"),
    ],
)
def test_the_language_is_lang_then_kopir_lang_then_the_locale(
    args: list[str], environ: dict[str, str], expected: str
) -> None:
    assert command_line_language(args, environ) == expected


def test_kopir_help_follows_kopir_lang() -> None:
    result = CliRunner().invoke(main, ["--help"], env={**NO_LOCALE, "KOPIR_LANG": "kk"}, prog_name="kopir")
    assert result.exit_code == 0
    assert result.stdout.startswith("Қолданылуы: kopir [OPTIONS] COMMAND [ARGS]...")
    for words in ("Опциялар:", "Командалар:", "Осы анықтаманы көрсету және шығу.", "Қол жеткізу журналы"):
        assert words in result.stdout
    assert "Usage:" not in result.stdout
    assert "Show this message" not in result.stdout


def test_an_options_help_keeps_its_default_in_the_language() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"], env={**NO_LOCALE, "LANG": "ru_RU.UTF-8"})
    assert result.exit_code == 0
    assert "Адрес для прослушивания.  [по умолчанию: 127.0.0.1]" in result.stdout


@pytest.mark.parametrize(
    ("lang", "error", "usage"),
    [
        ("kk", "Қате: '--size' мәні жарамсыз: 'x' — жарамды сан емес", "Қолданылуы: kopir simulate"),
        ("ru", "Ошибка: Недопустимое значение '--size': 'x' — недопустимое число", "Использование: kopir simulate"),
        ("en", "Error: Invalid value for '--size': 'x' is not a valid integer.", "Usage: kopir simulate"),
    ],
)
def test_clicks_error_and_usage_follow_lang(lang: str, error: str, usage: str) -> None:
    result = CliRunner().invoke(main, ["simulate", "--size", "x", "--lang", lang], env=NO_LOCALE, prog_name="kopir")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert error in result.stderr
    assert result.stderr.startswith(usage)


def test_click_speaks_english_again_after_a_command_in_another_language() -> None:
    runner = CliRunner()
    assert "Ошибка:" in runner.invoke(main, ["nope"], env={**NO_LOCALE, "KOPIR_LANG": "ru"}).stderr
    assert "Error: No such command 'nope'." in runner.invoke(main, ["nope"], env=NO_LOCALE).stderr
    assert click.Context.formatter_class is click.HelpFormatter


def _help_texts(command: click.Command, ctx: click.Context) -> list[str]:
    texts = [inspect.cleandoc(command.help)] if command.help else []
    texts += [param.help for param in command.params if isinstance(param, click.Option) and param.help]
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            texts += _help_texts(sub, click.Context(sub, parent=ctx, info_name=name))
    return texts


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_commands_help_is_translated(lang: str) -> None:
    """A new command or option without its kk and ru help fails here (append them to kopir_rules.po)."""
    texts = _help_texts(main, click.Context(main, info_name="kopir"))
    assert len(texts) > 40
    missing = [text for text in texts if text not in catalogue(lang)]  # type: ignore[arg-type]
    assert missing == []
