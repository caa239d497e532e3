"""From raw qPCR Ct values to per-subject relative expression, ready to correlate.

Pipeline (pure functions on DataFrames; :func:`run_qpcr` chains them):

1. :func:`parse_ct_table`: read Ct cells. "Undetermined", "No Ct", "N/A", blank
   and values above ``undetermined_above`` (default 40) are *undetermined*:
   reported in the exclusions, never read as numbers. Any other text, a
   duplicated well, or a sample lacking a reference gene is an error that
   names the sample and gene.
2. :func:`summarise_replicates`: mean Ct, SD and number of wells per sample and
   gene; replicate sets whose SD exceeds ``replicate_sd_max`` (0.5 cycles) are
   flagged with the well that deviates most (nothing is dropped).
3. :func:`relative_expression`: efficiency-weighted ΔCt per sample,
   ``dct = log2(E_t)·Ct_t − mean_r log2(E_r)·Ct_r``, which is the classic
   ΔCt when every E = 2 and, with several reference genes, is the log2 of the
   geometric mean of the reference quantities (Vandesompele et al. 2002).
   Per subject, every condition is contrasted with the calibrator condition:
   ``ΔΔCt = dct(condition) − dct(calibrator)`` and ``RQ = 2^−ΔΔCt``
   (Livak & Schmittgen 2001 when E = 2; Pfaffl 2001's efficiency-corrected
   ratio otherwise). Optionally every sample is also contrasted with the mean
   dct of a calibrator group (e.g. healthy controls) in the same condition.
   Replicate SDs are propagated to an RQ interval 2^(log2 RQ ± SD).
4. :func:`per_subject_table`: one row per subject, a column per target and
   contrast, ``<target>_<condition>_vs_<calibrator>`` (linear) and ``..._log2``.

:func:`standard_curve` estimates amplification efficiency per gene from a
dilution series (Ct on log10 quantity): E = 10^(−1/slope), with CI and R².

References
----------
Livak KJ, Schmittgen TD (2001). Analysis of relative gene expression data using
real-time quantitative PCR and the 2^−ΔΔCT method. *Methods* 25, 402-408.
Pfaffl MW (2001). A new mathematical model for relative quantification in
real-time RT-PCR. *Nucleic Acids Res* 29(9), e45.
Vandesompele J et al. (2002). Accurate normalization of real-time quantitative
RT-PCR data by geometric averaging of multiple internal control genes.
*Genome Biol* 3(7), research0034.
Ganger MT, Dietz GD, Ewing SJ (2017). A common base method for analysis of qPCR
data and the application of simple blocking in qPCR experiments. *BMC
Bioinformatics* 18, 534.
"""

from __future__ import annotations

from ..spec.qpcr import QpcrError, QpcrSpec, parse_qpcr_spec
from .ct_table import parse_ct_table, summarise_replicates
from .expression import QpcrResult, per_subject_table, relative_expression, run_qpcr
from .join import join_report, load_with_qpcr, merge_per_subject
from .outputs import write_qpcr_outputs
from .standard_curve import read_standard_curve, standard_curve

__all__ = [
    "QpcrError",
    "QpcrResult",
    "QpcrSpec",
    "join_report",
    "load_with_qpcr",
    "merge_per_subject",
    "parse_ct_table",
    "parse_qpcr_spec",
    "per_subject_table",
    "read_standard_curve",
    "relative_expression",
    "run_qpcr",
    "standard_curve",
    "summarise_replicates",
    "write_qpcr_outputs",
]
