# Regenerate opt_serum_periodontal.csv from the MIT-licensed medicaldata copy of
# the OPT trial data (opt.rda). Columns are selected; no value is edited:
# factor labels are written as their text (so '.' stays '.', the source's
# missing marker for serum values), numeric NA as an empty field.
#   Rscript make_opt_subset.R /path/to/opt.rda opt_serum_periodontal.csv
args <- commandArgs(trailingOnly = TRUE)
rda <- if (length(args) >= 1) args[1] else "../../../../../shared/data/opt/opt.rda"
out <- if (length(args) >= 2) args[2] else "opt_serum_periodontal.csv"
load(rda)  # object `opt`
keep <- c("PID", "Clinic", "Group", "Age", "BMI",
          "OTNF1", "O1B1", "O61", "O81", "OCRP1", "OPGE21", "OMMP91",
          "BL.GE", "BL..BOP", "BL.PD.avg", "BL..PD.4", "BL..PD.5",
          "BL.CAL.avg", "BL..CAL.2", "BL..CAL.3", "BL.Calc.I", "BL.Pl.I")
sub <- opt[, keep]
for (v in names(sub)) if (is.factor(sub[[v]])) sub[[v]] <- as.character(sub[[v]])
write.csv(sub, out, row.names = FALSE, na = "")
