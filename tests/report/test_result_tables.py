"""The report's long tables: ordered by evidence, filter bars that work in a browser, escaped labels."""

from __future__ import annotations

import os
import re

import numpy as np
import pytest

from biocorr import analyze
from biocorr.report.html import write_report
from biocorr.report.html_filters import KIND_TITLES, evidence_order
from biocorr.report.result_tables import correlation_table_html, group_table_html
from biocorr.stats.methods import method_info

from .test_report import _chromium, _driver


def test_rows_come_in_order_of_evidence(hivsn_results):
    html = correlation_table_html(hivsn_results)
    c = hivsn_results.correlations
    order = evidence_order(c["p_adjusted"], c["p"])
    adjusted = c["p_adjusted"].to_numpy()[order]
    finite = adjusted[np.isfinite(adjusted)]
    assert (np.diff(finite) >= 0).all() and np.isnan(adjusted[len(finite) :]).all()
    # the rows' p adj. sort keys appear in the same order in the page
    keys = [
        float(v)
        for v in re.findall(r'data-kind="[^"]+"[^>]*>(?:<td[^>]*>[^<]*</td>){8}<td class="num" data-v="([^"]+)"', html)
    ]
    assert keys == sorted(keys) and len(keys) == len(finite)


def test_every_kind_has_a_tab_and_the_primary_method_is_chosen(hivsn_results):
    html = correlation_table_html(hivsn_results)
    kinds = re.findall(r'<button type="button" class="tab" name="kind" value="([^"]+)" aria-selected="(\w+)">', html)
    present = {method_info(m).kind for m in hivsn_results.correlations["method"]}
    assert kinds == [(k, "true" if k == "classical" else "false") for k in KIND_TITLES if k in present]
    assert len(kinds) >= 3
    assert '<option value="spearman" selected>' in html
    groups = group_table_html(hivsn_results)
    assert re.findall(r'name="test" value="([^"]+)"', groups) == ["welch_t", "mann_whitney"]


def test_labels_in_filters_and_rows_are_escaped(tmp_path):
    rng = np.random.default_rng(3)
    tnf = rng.lognormal(size=12)
    pain = tnf + rng.normal(size=12)
    group = ["a'b&c" if i % 2 else "<i>d</i>" for i in range(12)]
    rows = ["id,grp,tnf<x>,pain"] + [f"{i},{group[i]},{tnf[i]:.3f},{pain[i]:.3f}" for i in range(12)]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    label = 'TNF <b>\\"x\\"</b> & y'
    (tmp_path / "s.toml").write_text(
        f'[data]\nid = "id"\ngroup = "grp"\n[[biomarker]]\ncolumn = "tnf<x>"\nlabel = "{label}"\n'
        '[[score]]\ncolumn = "pain"\n'
    )
    from biocorr import load as load_study

    results = analyze(load_study(tmp_path / "d.csv", tmp_path / "s.toml"))
    html = correlation_table_html(results) + group_table_html(results)
    assert "<b>" not in html and "<x>" not in html and "<i>" not in html
    assert '<option value="tnf&lt;x&gt;">TNF &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; y</option>' in html
    assert 'data-biomarker="tnf&lt;x&gt;"' in html and 'data-subset="a&#x27;b&amp;c"' in html


@pytest.mark.slow
@pytest.mark.skipif(
    _chromium() is None and not os.environ.get("CI"),
    reason="Chromium/chromedriver not installed (apt-get install chromium chromium-driver)",
)
def test_filter_bar_in_chromium(hivsn_results, tmp_path):
    """Default: the primary method's classical rows; a tab shows its rows; the box keeps the significant."""
    path = write_report(hivsn_results, tmp_path, ["biocorr"], per_pair=False)
    c = hivsn_results.correlations
    driver = _driver()
    visible = (
        "var t = document.getElementById('correlation-table'); var m = Array.from(t.tHead.rows[0].cells)"
        ".findIndex(h => h.textContent.trim().startsWith('method'));"
        "return Array.from(t.tBodies[0].rows).filter(r => !r.hidden).map(r => r.cells[m].textContent);"
    )
    count = "return document.querySelector('.filters[data-table=\"correlation-table\"] .count').textContent"
    try:
        driver.get(path.as_uri())
        shown = driver.execute_script(visible)
        assert shown and set(shown) == {"spearman"} and len(shown) == int((c["method"] == "spearman").sum())
        assert driver.execute_script(count) == f"{len(shown)} of {len(c)} rows shown"
        driver.execute_script("document.querySelector('button.tab[value=\"robust\"]').click()")
        robust = driver.execute_script(visible)  # the method choice falls back to every method of the tab
        assert set(robust) == {"percbend", "bicor", "skipped_spearman"} & set(c["method"])
        assert len(robust) == int(c["method"].isin(["percbend", "bicor", "skipped_spearman"]).sum())
        driver.execute_script(
            "var b = document.querySelector('.filters[data-table=\"correlation-table\"] input[name=significant]');"
            "b.click();"
        )
        significant = driver.execute_script(visible)
        robust_rows = c[c["method"].isin(["percbend", "bicor", "skipped_spearman"])]
        assert len(significant) == int((robust_rows["p_adjusted"] < 0.05).sum())
        groups = driver.execute_script(
            'document.querySelector(\'button.tab[name="test"][value="mann_whitney"]\').click();'
            "return Array.from(document.getElementById('group-table').tBodies[0].rows).filter(r => !r.hidden)"
            ".map(r => r.getAttribute('data-test'));"
        )
        g = hivsn_results.group_comparisons
        assert groups == ["mann_whitney"] * int((g["test"] == "mann_whitney").sum())
    finally:
        driver.quit()
