"""Write the SIMULATED qPCR demo: a Ct export and a clinical table for 24 subjects.

Nothing here is measured data. It mimics the motivating design (14 fibromyalgia
patients, 10 healthy controls; TNF mRNA in immune cells with and without ATP;
GAPDH and ACTB as references; triplicate wells; a few undetermined wells and one
noisy replicate) so that `biocorr qpcr` and `biocorr analyze --qpcr` can be run
end to end. Regenerate with: python make_demo.py (seeded, deterministic).
"""

from pathlib import Path

import numpy as np
import pandas as pd


def main(folder: Path = Path(__file__).parent) -> None:
    """Write ct_export.csv and clinical.csv into ``folder`` (default: next to this script)."""
    rng = np.random.default_rng(20171)
    E = {"TNF": 1.95, "GAPDH": 1.90, "ACTB": 2.0}
    subjects = [f"P{i:02d}" for i in range(1, 15)] + [f"C{i:02d}" for i in range(1, 11)]
    group = {s: ("FM" if s.startswith("P") else "HC") for s in subjects}
    # true ATP-induced log2 rise of TNF: larger in patients
    rise = {s: rng.normal(2.0 if group[s] == "FM" else 1.0, 0.6) for s in subjects}
    wells = []
    for s in subjects:
        load = rng.normal(0, 0.5)  # cDNA input differs by subject, references track it
        base_tnf = rng.normal(30.0, 0.6)
        for cond in ("vehicle", "ATP"):
            true = {
                "GAPDH": 18.0 + load,
                "ACTB": 16.5 + load,
                "TNF": base_tnf + load - (rise[s] / np.log2(E["TNF"]) if cond == "ATP" else 0.0),
            }
            for gene, ct in true.items():
                for rep in (1, 2, 3):
                    wells.append(
                        dict(
                            well_id=len(wells) + 1,
                            sample=f"{s}-{cond}",
                            subject=s,
                            condition=cond,
                            gene=gene,
                            replicate=rep,
                            ct=round(ct + rng.normal(0, 0.12), 3),
                        )
                    )
    ct = pd.DataFrame(wells)
    ct["ct"] = ct["ct"].astype(object)
    for i in rng.choice(ct.index[ct.gene == "TNF"], 3, replace=False):
        ct.loc[i, "ct"] = "Undetermined"
    noisy = ct.index[(ct["sample"] == "P03-ATP") & (ct.gene == "TNF") & (ct.replicate == 2)][0]
    ct.loc[noisy, "ct"] = round(float(ct.loc[noisy, "ct"]) + 1.4, 3)
    ct.to_csv(folder / "ct_export.csv", index=False)

    clinical = []
    for s in subjects:
        fm = group[s] == "FM"
        r = rise[s]
        vas = np.clip(rng.normal(35 + 15 * r if fm else 8, 12), 0, 100)
        hads_a = int(np.clip(round(rng.normal(5 + 2.2 * r if fm else 4, 2.5)), 0, 21))
        hads_d = int(np.clip(round(rng.normal(4 + 2.0 * r if fm else 3, 2.5)), 0, 21))
        qol = np.clip(rng.normal(75 - 12 * r if fm else 85, 10), 0, 100)
        clinical.append(
            dict(
                id=s,
                group=group[s],
                age=int(rng.integers(25, 60)),
                VAS=round(vas, 1),
                HADS_A=hads_a,
                HADS_D=hads_d,
                QoL=round(qol, 1),
            )
        )
    pd.DataFrame(clinical).to_csv(folder / "clinical.csv", index=False)


if __name__ == "__main__":
    main()
