# The reference estimates for axdash's standard errors (issue 17, point 6):
# R's survey package on a wave written by app/cube's TestEstimatesMatchR.
#
#   Rscript scripts/survey_reference.R wave.csv out.csv FPC LONELY
#
# wave.csv has one row per response: region, industry, size, stratum, w
# (weight), pop (firms in the stratum, for the fpc), rest (1 outside the
# region the rest of the country is taken of, else 0), adopt, exemplar, ua
# (a use area named), cur, need, gap (AI staff), cost, hascost, support.
# FPC is 1 to use pop as the finite-population correction, else 0; LONELY
# is survey.lonely.psu ("adjust" or "remove").
#
# out.csv lists every domain of every grouping (region, industry, size and
# their combinations, and the rest of the country alone and by industry;
# "*" for a dimension not grouped) and axdash measure:
# the estimate, its standard error and, for the adoption rate,
# svyciprop(method = "logit", df = Inf)'s interval. The first line of
# stdout is the survey package's version.
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = args[4])
cat(as.character(packageVersion("survey")), "\n")

d <- read.csv(args[1], colClasses = c(region = "character", industry = "character",
                                      size = "character", stratum = "character", rest = "character"))
d$all <- "*"
des <- if (args[3] == "1") {
  svydesign(ids = ~1, strata = ~stratum, weights = ~w, fpc = ~pop, data = d)
} else {
  svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = d)
}

groupings <- list(~all, ~region, ~industry, ~size, ~region + industry, ~region + size,
                  ~industry + size, ~region + industry + size, ~rest, ~rest + industry)

# long turns svyby's result (keys, then k estimates, then k errors or k
# lower and k upper limits) into rows of out.csv.
long <- function(res, by, measures, ci = FALSE) {
  keys <- all.vars(by)
  k <- length(measures)
  out <- NULL
  for (j in seq_len(k)) {
    row <- data.frame(region = "*", industry = "*", size = "*", rest = "*", measure = measures[j],
                      value = res[[length(keys) + j]], se = NA, low = NA, high = NA)
    for (key in setdiff(keys, "all")) row[[key]] <- res[[key]]
    if (ci) {
      row$low <- res[[length(keys) + k + j]]
      row$high <- res[[length(keys) + 2 * k + j]]
    } else {
      row$se <- res[[length(keys) + k + j]]
    }
    out <- rbind(out, row)
  }
  out
}

out <- NULL
for (by in groupings) {
  out <- rbind(out,
    long(svyby(~adopt + exemplar + ua + cur + need, by, des, svymean), by,
         c("adoption", "exemplar", "use_area:a", "staff_current", "staff_needed")),
    long(svyby(~gap, by, des, svyratio, denominator = ~need), by, "talent_gap"),
    long(svyby(~cost, by, des, svyratio, denominator = ~hascost), by, "cost"),
    long(svyby(~support, by, des, svyratio, denominator = ~cost), by, "support_share"),
    long(svyby(~cur + gap, by, des, svytotal), by, c("total:staff_current", "total:talent_gap")),
    long(suppressWarnings(svyby(~adopt, by, des, svyciprop, vartype = "ci", method = "logit", df = Inf)),
         by, "ci:adoption", ci = TRUE))
}
write.csv(out, args[2], row.names = FALSE)
