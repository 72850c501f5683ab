"""The package as a user installs it: a built wheel, in a fresh virtual environment,
run from a folder that is not the clone. The bundled scenarios travel inside the wheel
(setup.py maps decks/ to game/scenarios) and are found with importlib.resources.

Offline and quick: the wheel is built without build isolation (setuptools comes with
the test extra), installed with --no-deps, and the fresh environment reaches the
dependencies already installed here through a .pth file, so no index is asked.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=240
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` folder of a fresh virtual environment holding only the built wheel."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"  # a copy, so the build leaves nothing in the clone
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, src / name) if src.exists() else (
            src.mkdir(),
            shutil.copy(ROOT / name, src / name),
        )
    for name in ("game", "decks"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    built = run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
        "-w", tmp / "dist", src, cwd=tmp,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    wheel = next((tmp / "dist").glob("brinkmanship-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=120)
    python = venv / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp)
    deps = sysconfig.get_paths()["purelib"]  # textual, attrs, cattrs, yaml: already here
    Path(site.stdout.strip(), "dependencies.pth").write_text(deps + "\n", encoding="utf-8")
    done = run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel,
        cwd=tmp,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return python.parent


def test_the_wheel_carries_the_bundled_scenarios_and_plays_from_any_folder(
    installed: Path, tmp_path: Path
) -> None:
    env = {"PATH": str(installed), "BRINK_HOME": str(tmp_path / "home"), "HOME": str(tmp_path)}
    where = run(
        installed / "python", "-c", "import game.paths as p; print(p.BUNDLED_DECKS)", cwd=tmp_path, env=env
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), "the clone's decks/ was used"
    sim = run(installed / "brink", "simulate", "--games", "3", cwd=tmp_path, env=env)
    assert sim.returncode == 0, sim.stderr
    assert "3 bot games" in sim.stdout
    made = run(installed / "brink", "new", "mine", "--from", "nea2017", cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "home" / "scenarios" / "mine" / "scenario.yaml").is_file()
    ok = run(installed / "brink", "validate", cwd=tmp_path, env=env)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines() == [
        f"ok: {where.stdout.strip()}/nea2017",
        f"ok: {where.stdout.strip()}/korea2010",
        f"ok: {tmp_path}/home/scenarios/mine",
    ]
