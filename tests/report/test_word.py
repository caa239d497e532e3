"""tables.docx: APA tables whose cells carry the analysis' numbers, with APA rules and notes."""

from __future__ import annotations

import copy

import docx
import numpy as np
import pytest

from biocorr import analyze
from biocorr import load as load_study
from biocorr.format import fmt_r
from biocorr.report.word import apa_table_p, write_word_tables


@pytest.fixture(scope="module")
def hivsn_docx(tmp_path_factory, hivsn_analysis):
    results = copy.deepcopy(hivsn_analysis)
    path = write_word_tables(results, tmp_path_factory.mktemp("word") / "tables.docx")
    return results, docx.Document(str(path))


def test_correlation_cells_are_the_primary_methods_numbers(hivsn_docx):
    results, document = hivsn_docx
    assert len(document.tables) == 3
    table = document.tables[1]
    header = [c.text for c in table.rows[0].cells]
    assert header[:2] == ["Biomarker", "Score"] and "all: rₛ [95% CI]" in header
    c = results.correlations
    rows = c[(c["method"] == "spearman") & (c["subset"] == "all")].reset_index(drop=True)
    scores = c.loc[c["method"] == "spearman", "y_label"].drop_duplicates().tolist()
    assert len(table.rows) == 1 + len(scores)  # every pair; a pair with no pooled test (one group only) shows '—'
    col = header.index("all: rₛ [95% CI]")
    by_score = {
        table.rows[i + 1].cells[1].text: [cell.text for cell in table.rows[i + 1].cells] for i in range(len(scores))
    }
    assert by_score["Pain intensity (BPQ)"][col - 1 : col + 2] == ["—", "—", "—"]
    for _, r in rows.iterrows():
        cells = by_score[r["y_label"]]
        assert cells[0] == r["x_label"] and cells[1] == r["y_label"]
        star = "*" if r["p_adjusted"] < 0.05 else ""
        assert cells[col] == f"{fmt_r(r['estimate'])}{star} [{fmt_r(r['ci_low'])}, {fmt_r(r['ci_high'])}]"
        assert cells[col + 1] == apa_table_p(r["p_adjusted"]) and not cells[col + 1].startswith("0")
        assert cells[col - 1] == str(int(r["n"]))


def test_apa_layout_rules_titles_and_notes(hivsn_docx):
    _, document = hivsn_docx
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["Table 1", "Characteristics of the Participants"]
    assert document.paragraphs[0].runs[0].bold and document.paragraphs[1].runs[0].italic
    section = document.sections[0]  # three subsets side by side: 11 columns, a landscape page
    assert len(document.tables[1].columns) == 11 and section.page_width > section.page_height
    notes = [t for t in texts if t.startswith("Note. ")]
    assert len(notes) == 3 and "Spearman" in notes[1] and "Holm method" in notes[1] and "*Adjusted p < .05" in notes[1]
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for table in document.tables:
        edges = [
            sorted(e.tag.removeprefix(ns) for b in row.cells[0]._tc.iter(f"{ns}tcBorders") for e in b)
            for row in table.rows
        ]
        assert edges[0] == ["bottom", "top"] and edges[-1] == ["bottom"]
        assert all(e == [] for e in edges[1:-1])  # no rule inside the body, no vertical rule anywhere


def test_user_text_is_stored_as_text(tmp_path):
    rng = np.random.default_rng(4)
    x = rng.lognormal(size=10)
    y = x + rng.normal(size=10)
    rows = ["id,il6,pain"] + [f"{i},{x[i]:.3f},{y[i]:.3f}" for i in range(10)]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    label = "<w:t>IL-6</w:t> & =SUM(A1)"
    (tmp_path / "s.toml").write_text(
        f'[data]\nid = "id"\n[[biomarker]]\ncolumn = "il6"\nlabel = "{label}"\n[[score]]\ncolumn = "pain"\n'
    )
    results = analyze(load_study(tmp_path / "d.csv", tmp_path / "s.toml"))
    document = docx.Document(str(write_word_tables(results, tmp_path / "t.docx")))
    assert len(document.tables) == 2  # no groups: no group comparison table
    assert document.tables[1].rows[1].cells[0].text == label


def test_long_data_get_a_subset_column_and_a_repeated_measures_table(tmp_path):
    rng = np.random.default_rng(8)
    rows = ["id,visit,group,il6,pain"]
    for i in range(12):
        base, level = rng.lognormal(), rng.uniform(20, 80)
        for v in ("w0", "w4", "w8"):
            flare = rng.normal()
            rows.append(f"P{i},{v},{'FM' if i < 6 else 'HC'},{base * np.exp(0.3 * flare):.3f},{level + 8 * flare:.1f}")
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "s.toml").write_text(
        '[data]\nid = "id"\ngroup = "group"\nvisit = "visit"\n[[biomarker]]\ncolumn = "il6"\n'
        '[[score]]\ncolumn = "pain"\n'
    )
    results = analyze(load_study(tmp_path / "d.csv", tmp_path / "s.toml"))
    document = docx.Document(str(write_word_tables(results, tmp_path / "t.docx")))
    titles = [p.text for p in document.paragraphs if p.runs and p.runs[0].italic and not p.text.startswith("Note")]
    assert titles[2] == "Repeated-Measures Correlations Over All Visits" and len(document.tables) == 4
    per_visit = document.tables[1]  # 9 subsets (3 visits x all/FM/HC): one row each, not 27 columns
    assert [c.text for c in per_visit.rows[0].cells] == ["Subset", "Biomarker", "Score", "n", "rₛ [95% CI]", "p adj."]
    assert len(per_visit.rows) == 1 + 9 and per_visit.rows[1].cells[0].text == "visit = w0"
    c = results.correlations
    rm = c[(c["method"] == "rmcorr") & (c["subset"] == "all visits")].iloc[0]
    cells = [x.text for x in document.tables[2].rows[1].cells]
    assert cells[2] == str(int(rm["n"])) and cells[3].startswith(fmt_r(rm["estimate"]))
    section = document.sections[0]
    assert section.page_width > section.page_height  # the repeated-measures table is 11 columns wide


def test_group_table_in_apa_form_one_statistic_per_cell_with_df_symbols_and_fitted_repeating_headers(hivsn_docx):
    _, document = hivsn_docx
    table = document.tables[2]  # Table 3: group comparisons
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Variable", "Groups", "n", "Test", "Statistic", "Effect size", "95% CI", "p", "p adj."]
    first = [c.text for c in table.rows[1].cells]
    assert first[4].startswith("t(") and ") = " in first[4]  # Welch t with its df
    assert first[5].startswith("g = ") and first[6].startswith("[")  # Hedges' g, its CI in its own cell
    assert any(c.text.startswith("r_rb = ") for row in table.rows for c in row.cells)
    for t in document.tables:  # every header row repeats on a new page
        assert t.rows[0]._tr.trPr.xml.count("w:tblHeader") == 1
    widths = [c.width for c in table.rows[0].cells]
    assert len(set(widths)) > 1 and max(widths) > 1.5 * min(widths)  # fitted, not equal columns
