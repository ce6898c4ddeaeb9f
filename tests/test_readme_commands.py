"""The README's first command, the main job, run as it is written (less its ``pip install .``)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = shutil.which("taskqual")
pytestmark = [
    pytest.mark.skipif(EXE is None, reason="taskqual is not installed (pip install -e .)"),
    pytest.mark.slow,  # scores the 3,000-row sample backlog twice
]


def main_job_command() -> str:
    """The line after «# 1.» in the README's first bash block, without the install step."""
    block = re.search(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block, "the README starts with a bash block"
    lines = [ln for ln in block[1].splitlines() if ln and not ln.startswith("#")]
    command = lines[0]
    install = "python -m pip install . && "
    assert command.startswith(install), command
    return command.removeprefix(install)


def test_the_main_job_scores_the_sample_and_builds_a_report_with_its_review_day(tmp_path):
    command = main_job_command().replace("data/samples/", f"{ROOT}/data/samples/")
    out = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    scored = (tmp_path / "scored.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(scored) == 3001  # the header and every row of the sample, none lost or invented
    assert scored[0].endswith(";label;confidence;is_concrete;missing;hint;error")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<html" in page
    # the sample's review day gives the morning and evening routines something to show
    plan = re.search(r"План на [^:]+: (\d+) задач", out.stdout)
    assert plan and int(plan[1]) > 0, out.stdout[-2000:]
