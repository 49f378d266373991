"""``kopir simulate``: the help lists the shipped reforms, and the command's own messages are in kk/ru/en."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kopir import cluster
from kopir.cli import main
from kopir.microsim.reforms import REFORMS, titles

SMALL = ["--size", "2000", "--chunk", "1000"]


def test_the_help_lists_every_shipped_reform_on_one_line_with_its_title() -> None:
    result = CliRunner().invoke(main, ["simulate", "--help"], terminal_width=80)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    shipped = sorted(path.stem for path in REFORMS.glob("*.yaml"))
    assert len(shipped) >= 7
    for reform in shipped:
        line = next(line for line in lines if line.split()[:1] == [reform])
        assert line.split(maxsplit=1)[1] == titles()[reform]["en"]


@pytest.mark.parametrize(
    ("lang", "label"),
    [("en", "Simulating Nursery place subsidy"), ("ru", "Моделирование: "), ("kk", "Модельдеу: ")],
)
def test_the_progress_label_is_in_the_language_asked_for(lang: str, label: str) -> None:
    result = CliRunner().invoke(main, ["simulate", "nursery-subsidy", *SMALL, "--lang", lang, "--json"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(label)
    assert titles()["nursery-subsidy"][lang] in result.stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "Name a reform (childcare-2-years"), ("ru", "Укажите реформу (childcare-2-years"), ("kk", "Реформаны (")],
)
def test_a_missing_reform_is_asked_for_in_the_language(lang: str, said: str) -> None:
    result = CliRunner().invoke(main, ["simulate", "--lang", lang])
    assert result.exit_code == 2
    assert said in result.stderr


def test_a_broken_file_is_named_in_the_language(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\n")
    result = CliRunner().invoke(main, ["simulate", str(broken), "--lang", "ru"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken} нельзя использовать:")
    assert "отсутствует ключ 'title'" in result.stderr  # the problem too, not only the header


def test_charts_are_announced_in_the_language(tmp_path: Path) -> None:
    args = ["simulate", "nursery-subsidy", *SMALL, "--lang", "kk", "--charts", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    announced = [line for line in result.stderr.splitlines() if line.startswith("Диаграмма жазылды: ")]
    assert announced
    assert {Path(line.split(": ", 1)[1]) for line in announced} == set(tmp_path.glob("*.svg"))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "No Dask scheduler answers at tcp://127.0.0.1:1. Start one (dask scheduler"),
        ("ru", "По адресу tcp://127.0.0.1:1 не отвечает планировщик Dask. Запустите его (dask scheduler"),
        ("kk", "tcp://127.0.0.1:1 мекенжайында Dask жоспарлаушысы жауап бермейді. Оны іске қосыңыз (dask scheduler"),
    ],
)
def test_a_scheduler_that_does_not_answer_exits_2_saying_so_in_the_language(
    lang: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 0.5)
    args = ["simulate", "nursery-subsidy", *SMALL, "--scheduler", "tcp://127.0.0.1:1", "--lang", lang, "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert said in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "--scheduler: localhost is not a scheduler address; write it as tcp://host:port."),
        ("ru", "--scheduler: localhost — не адрес планировщика; укажите его в виде tcp://хост:порт."),
        ("kk", "--scheduler: localhost — жоспарлаушының мекенжайы емес; оны tcp://хост:порт түрінде жазыңыз."),
    ],
)
def test_an_address_that_is_not_a_scheduler_s_exits_2_naming_the_option(lang: str, said: str) -> None:
    result = CliRunner().invoke(
        main, ["simulate", "nursery-subsidy", *SMALL, "--scheduler", "localhost", "--lang", lang]
    )
    assert result.exit_code == 2
    assert said in result.stderr
