"""The HTML report and figures: structure, numbers in the text, and a real browser."""

from __future__ import annotations

import base64
import copy
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from biocorr import analyze
from biocorr.datasets import load
from biocorr.report import apa, figures
from biocorr.report.figure_job import n_report_figures
from biocorr.report.html import write_report

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SECTION_IDS = ["data", "quality", "table1", "groups", "correlations", "methods", "results", "repro"]


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.imgs, self.tables, self.scripts = [], [], 0, []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "img":
            self.imgs.append(a)
        if tag == "table":
            self.tables += 1
        if tag == "script":
            self._in_script = True
            self.scripts.append(a)


@pytest.fixture(scope="module")
def hivsn_report(tmp_path_factory, hivsn_analysis):
    results = copy.deepcopy(hivsn_analysis)
    out = tmp_path_factory.mktemp("report")
    path = write_report(results, out, ["biocorr", "analyze", "--example", "hivsn"], per_pair=True, png=True)
    return results, path


def test_report_structure_without_a_browser(hivsn_report):
    results, path = hivsn_report
    text = path.read_text(encoding="utf-8")
    parsed = _Collect()
    parsed.feed(text)
    assert [i for i in SECTION_IDS if i not in parsed.ids] == []
    # variables, Table 1, group comparisons, correlations and its printed primary table (+ exclusions
    # and single-subject influence tables only when there are any)
    flips = results.correlations["loo_changes_significance"].astype(bool) & results.correlations["method"].isin(
        ["pearson", "spearman", "kendall"]
    )
    assert parsed.tables == 5 + int(flips.any()) + int(len(results.exclusions) > 0)
    assert "Printed: the 13 rows of Spearman's ρ, the primary method; within groups first." in text
    assert "<td>pooled: Painful HIV-SN + Non-painful HIV-SN</td>" in text
    assert "this analysis could only detect" in text
    # every figure the report shows is an inline SVG that decodes: a group plot per variable,
    # the primary method's heat map per subset, a matrix among the biomarkers and one among the
    # scores (for a role with two or more variables), a panel per biomarker
    spec = results.study.spec
    n_groups_fig = len(spec.biomarkers) + len(spec.scores)
    n_heat = len(results.study.subsets())  # one per subset, for the primary method
    n_matrices = int(len(spec.biomarkers) >= 2) + int(len(spec.scores) >= 2)
    assert n_matrices >= 1 and "<code>matrices.csv</code>" in text
    shown = n_groups_fig + n_heat + n_matrices + len(spec.biomarkers)
    assert len(parsed.imgs) == shown
    for img in parsed.imgs:
        assert img["src"].startswith("data:image/svg+xml;base64,") and img["alt"]
        svg = base64.b64decode(img["src"].split(",", 1)[1]).decode("utf-8")
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    # self-contained: nothing is fetched from anywhere
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert all("src" not in s for s in parsed.scripts)
    # the reproducibility footer names the input hash, the seed and the command
    assert results.study.sha256 in text and "seed 20171" in text and "biocorr analyze --example hivsn" in text


def test_figure_files_are_png_300dpi_and_svg(hivsn_report):
    results, path = hivsn_report
    fig_dir = path.parent / "figures"
    pngs = sorted(fig_dir.glob("*.png"))
    assert len(pngs) == n_report_figures(results, per_pair=True)
    assert {p.stem for p in pngs} == {p.stem for p in fig_dir.glob("*.svg")}
    from PIL import Image

    with Image.open(fig_dir / "scatter_current_cd4_eq-5d_vas.png") as im:
        assert round(im.info["dpi"][0]) == 300


def test_by_default_only_what_the_report_shows_is_drawn_and_as_svg(tmp_path):
    study = load("hivsn")
    results = analyze(study.with_options(methods=["pearson", "spearman", "kendall"]))
    write_report(results, tmp_path)
    names = sorted(p.name for p in (tmp_path / "figures").iterdir())
    assert not [n for n in names if n.endswith(".png")]  # PNG only with png=True / --png
    assert len(names) == n_report_figures(results, per_pair=True)
    heatmaps = [n for n in names if n.startswith("heatmap_")]
    assert heatmaps and all("_spearman" in n and "pearson" not in n and "kendall" not in n for n in heatmaps)
    assert len(heatmaps) == len(study.subsets())


def test_apa_sentences_carry_the_table_numbers(hivsn_report):
    results, path = hivsn_report
    text = path.read_text(encoding="utf-8")
    c = results.correlations
    row = c[(c.subset == "Painful HIV-SN") & (c.method == "pearson") & (c.y == "eq-5d_vas")].iloc[0]
    sentence = apa.correlation_sentence(row, "holm")
    assert sentence in apa.results_sentences(results, "pearson")
    assert sentence.replace("'", "&#x27;") not in text  # the report's sentences use the primary method
    spearman = c[(c.subset == "Painful HIV-SN") & (c.method == "spearman") & (c.y == "eq-5d_vas")].iloc[0]
    assert apa.correlation_sentence(spearman, "holm").replace("'", "&#x27;") in text
    assert "Results in APA style (Spearman" in text
    est, lo, hi = (f"{abs(v):.2f}".lstrip("0") for v in (row.estimate, row.ci_low, row.ci_high))
    assert f"r({int(row.n) - 2}) = {est}, 95% CI [{lo}, {hi}]" in sentence
    p = f"{row.p:.3f}".lstrip("0")
    p_adj = f"{row.p_adjusted:.3f}".lstrip("0")
    assert f"p = {p} (Holm-adjusted p = {p_adj})" in sentence
    # one sentence per computed correlation of the primary method (Spearman: the spec computes it)
    assert results.study.spec.analysis.primary_method == "spearman"
    assert len(apa.results_sentences(results)) == int(c[(c.method == "spearman")].p.notna().sum())


def test_methods_paragraph_reflects_what_ran(hivsn_report):
    results, _ = hivsn_report
    text = apa.methods_paragraph(results)
    c = results.correlations.dropna(subset=["p"])
    for p_method, k in c.groupby("p_method").size().items():
        assert f"{p_method} for {k} test" in text
    sizes = c.groupby("family").size()
    assert f"{len(sizes)} families of {sizes.min()}–{sizes.max()} tests" in text
    assert "Holm" in text and "pairwise-complete" in text


def test_bootstrap_intervals_reach_the_table_the_methods_and_only_when_asked(hivsn_report, tmp_path):
    _, plain = hivsn_report
    assert "BCa 95% CI" not in plain.read_text(encoding="utf-8")
    results = analyze(load("hivsn"), bootstrap=400)
    c = results.correlations
    text = write_report(results, tmp_path, per_pair=False).read_text(encoding="utf-8")
    assert "BCa 95% CI" in text
    row = c[(c.method == "percbend") & c.boot_ci_low.notna()].iloc[0]
    assert f"[{row.boot_ci_low:.2f}, {row.boot_ci_high:.2f}]" in text
    assert "from 400 paired resamples per test (seed 20171)" in apa.methods_paragraph(results)


def test_figure_functions_return_figures_for_notebooks(hivsn_report, opt_results):
    results, _ = hivsn_report
    fig = figures.scatter_figure(results, "current_cd4", "hscl_depression", "spearman", ranks=True)
    assert fig.axes[0].get_xlabel().startswith("rank of ")
    opt = opt_results
    fig = figures.scatter_figure(opt, "OTNF1", "BL.PD.avg", "spearman", subset="all")
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert any("detection limit 1.2" in label for label in labels)


def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.mark.slow
@pytest.mark.skipif(
    _chromium() is None and not os.environ.get("CI"),
    reason="Chromium/chromedriver not installed (apt-get install chromium chromium-driver)",
)
def test_report_renders_in_headless_chromium(hivsn_report):
    """Open the report offline in Chromium: every image loads, the console stays clean."""
    found = _chromium()
    assert found is not None, "CI must install Debian's chromium and chromium-driver (.ci/run does)"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    _, path = hivsn_report
    browser, driver_path = found
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
    ):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    try:
        driver.get(path.as_uri())
        images = driver.execute_script(
            "return Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt]);"
        )
        assert images and all(done and width > 0 for done, width, _ in images), images
        # sorting works: click the 'p' header of the correlation table twice
        header = driver.execute_script(
            "var t = document.getElementById('correlation-table');"
            "var h = Array.from(t.tHead.rows[0].cells).findIndex(c => c.textContent.trim().startsWith('p '));"
            "t.tHead.rows[0].cells[h].click();"
            "return Array.from(t.tBodies[0].rows).map(r => r.cells[h].getAttribute('data-v'));"
        )
        keys = [float(k) for k in header if k is not None]
        assert keys == sorted(keys)
        errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        assert errors == []
        ARTIFACTS.mkdir(exist_ok=True)
        height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1280, min(int(height), 12000))
        driver.save_screenshot(str(ARTIFACTS / "report_hivsn.png"))
        pdf = driver.print_page()
        (ARTIFACTS / "report_hivsn.pdf").write_bytes(base64.b64decode(pdf))
    finally:
        driver.quit()


def _driver(height: int = 800):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = _chromium()
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--window-size=1280,{height}"):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(driver_path), options=opts)


@pytest.mark.slow
@pytest.mark.skipif(
    _chromium() is None and not os.environ.get("CI"),
    reason="Chromium/chromedriver not installed (apt-get install chromium chromium-driver)",
)
@pytest.mark.parametrize(("example", "max_pages"), [("hivsn", 12), ("opt", 16)])
def test_first_screen_answers_and_the_print_is_a_short_document(example, max_pages, tmp_path):
    """At 1280 × 800 the findings block, naming the strongest adjusted result, is on the first
    screen; printed to PDF the report is a short document that holds the primary correlation
    table (up to 40 rows) and every table of up to 60 rows (longer ones: CSV appendices)."""
    from biocorr.report.findings import primary_findings

    results = analyze(load(example))
    path = write_report(results, tmp_path, ["biocorr"], per_pair=False)
    rows, survive = primary_findings(results)
    assert survive
    top = rows.iloc[0]
    driver = _driver()
    try:
        driver.get(path.as_uri())
        first = driver.execute_script(
            "var li = document.querySelector('#findings ol.found li'); var r = li.getBoundingClientRect();"
            "return [r.top, r.bottom, li.textContent, window.innerHeight];"
        )
        top_px, bottom_px, text, viewport = first
        assert viewport <= 800 and 0 < top_px < bottom_px <= 800, first
        assert f"{top['x_label']} and {top['y_label']}" in text and "Spearman" in text
        quality = driver.execute_script(
            "return document.querySelector('#findings .quality').getBoundingClientRect().top"
        )
        assert quality > bottom_px  # the data-quality summary follows the findings
        pdf = base64.b64decode(driver.print_page())
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 3 <= pages <= max_pages, pages
        printed = driver.execute_script(  # what print shows of the correlation section: the primary table
            "return getComputedStyle(document.querySelector('#correlations ~ .print-only')).display"
        )
        assert printed == "none"  # on screen; the print rule comes after it (0.2's order hid it in print too)
        if shutil.which("pdftotext") or os.environ.get("CI"):  # the printed text holds the primary table
            pdf_path = tmp_path / "report.pdf"
            pdf_path.write_bytes(pdf)
            text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True).stdout
            assert "the primary method; within groups first" in text
            from biocorr.format import fmt_num

            after = text.split("the primary method; within groups first", 1)[1][:4000]
            assert fmt_num(top["estimate"]) in after and fmt_num(top["ci_low"]) in after
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / f"report_first_screen_{example}.png"))
    finally:
        driver.quit()


def test_the_heat_map_heading_prints_on_the_page_of_its_first_figure(hivsn_report):
    """'Heat maps' and its first figure sit in one block the print style keeps on one page (the
    heading had ended a printed page alone, its figure on the next)."""
    _, path = hivsn_report
    html = path.read_text(encoding="utf-8")
    block = re.search(r'<div class="keep"><h3>Heat maps</h3>(.*?)</div>', html, re.S)
    assert block is not None and "<figure" in block.group(1)
    assert ".keep, figure { break-inside: avoid" in html
