"""From a file to a validated :class:`~biocorr.data.study.Study`, as named steps.

:mod:`.table` (RawTable: cells as text), :mod:`.read` (CSV/TSV/TXT and the dispatch to
:mod:`.xlsx`), :mod:`.layout` (title block, units row), :mod:`.cells` (a cell as a number),
:mod:`.rows` (row-level exclusions), :mod:`.widen` (long rows to one row per subject),
:mod:`.checks` (data warnings), :mod:`.validate` (read -> layout -> rows -> reshape -> cells ->
derive -> checks), :mod:`.study` (the Study) and :mod:`.write` (CSV out, formula-safe).
Every command reads its tables here.
"""
