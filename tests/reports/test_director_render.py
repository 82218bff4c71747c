"""The director's report rendered by headless Chromium, as a reader's browser shows it and
prints it: a PDF and a screenshot come out, the page logs nothing to its console, and the
Chinese text is there to draw. Skipped where Chromium is not installed (CI installs it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from chinese_plans import one_year_plan

BROWSER = next((b for b in ("chromium", "chromium-browser") if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="Chromium is not installed (apt-get install chromium fonts-noto-cjk)"
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def page_console(stderr: str, page: Path) -> list[str]:
    """Lines the page itself logged (its console, uncaught errors), not Chromium's own noise
    (D-Bus, GPU, sandbox warnings). The report has no script, so any such line is an error."""
    return [
        line
        for line in stderr.splitlines()
        if ("CONSOLE" in line and page.as_uri() in line) or "Uncaught" in line
    ]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    return one_year_plan().to_html(tmp_path_factory.mktemp("render") / "report.html")


def test_the_page_holds_chinese_text_to_draw(report):
    text = report.read_text(encoding="utf-8")
    assert len(CJK.findall(text)) > 200


def test_chromium_prints_it_to_a_pdf_without_console_errors(report, tmp_path):
    pdf = tmp_path / "report.pdf"
    done = chromium(report, tmp_path / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert done.returncode == 0, done.stderr[-2000:]
    assert pdf.exists() and pdf.stat().st_size > 20_000
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = pdf_pages(data)
    print(f"the director's report prints on {pages} A4 pages")
    assert pages >= 2
    assert page_console(done.stderr, report) == []


def test_chromium_draws_it_to_a_screenshot_without_console_errors(report, tmp_path):
    png = tmp_path / "report.png"
    done = chromium(report, tmp_path / "profile", f"--screenshot={png}", "--window-size=1280,2000")
    assert done.returncode == 0, done.stderr[-2000:]
    assert png.exists() and png.stat().st_size > 30_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page_console(done.stderr, report) == []


def test_the_console_check_sees_a_page_error(tmp_path):
    """The check above would notice a page that logs an error (so it is not vacuous)."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><script>missing();</script>", encoding="utf-8")
    done = chromium(bad, tmp_path / "profile", f"--screenshot={tmp_path / 'bad.png'}")
    assert page_console(done.stderr, bad), done.stderr[-2000:]
