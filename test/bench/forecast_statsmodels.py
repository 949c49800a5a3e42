#!/usr/bin/python3
"""
The competitor of test/bench/forecast.sh: the series fms forecasts, moved
out of the database (the CSV written by the shell script), forecast and
backtested with statsmodels' ETSModel as an analyst would automate it:
each of the six additive forms fms considers (ETS(A,N,N), (A,A,N), (A,Ad,N),
(A,N,A), (A,A,A), (A,Ad,A); seasonal ones from 10 quarters, any only with
fewer parameters than quarters less one, as fms) fitted by statsmodels'
maximum likelihood, the one of least AICc kept; a series too short for any
form is forecast by its mean.  statsmodels has no Croston or SBA.

The backtest is fms.forecast_backtest's: from each of the last 8 origins
with 4 quarters before it, one quarter ahead; MASE scaled by the mean
absolute 4-quarter difference before the first origin; coverage of the 80%
and 95% intervals.

Prints, for the same series: fms's accuracy (read from the CSV, as the
database computed it) and statsmodels', and statsmodels' time, measured
here.  With SAMPLE=N only every k-th series (k = ceil(total / N)) is run
through statsmodels, and its time for all is extrapolated linearly; fms's
accuracy is then given on the same series.

    /usr/bin/python3 test/bench/forecast_statsmodels.py series.csv [SAMPLE]
"""
import csv
import math
import sys
import time
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

warnings.simplefilter("ignore")

M = 4
ORIGINS = 8
FORMS = [("N", False), ("A", False), ("Ad", False), ("N", True), ("A", True), ("Ad", True)]


def parameter_count(trend, seasonal):
    # as src/forecast.h counts them: smoothing parameters, level, trend, m - 1 seasonals
    k = 2 + (2 if trend == "A" else 3 if trend == "Ad" else 0)
    return k + (M if seasonal else 0)


def forecast_one(y, levels=(0.8, 0.95)):
    """Point forecast one quarter ahead and its (lower, upper) per level."""
    n = len(y)
    # get_prediction() of statsmodels 0.13 needs a pandas index
    series = pd.Series(np.asarray(y, dtype=float), index=pd.period_range("2000Q1", periods=n, freq="Q"))
    best, best_aicc = None, math.inf
    for trend, seasonal in FORMS:
        k = parameter_count(trend, seasonal)
        if k >= n - 1 or (seasonal and n < 2 * M + 2):
            continue
        try:
            model = ETSModel(series, error="add", trend=None if trend == "N" else "add",
                             damped_trend=trend == "Ad", seasonal="add" if seasonal else None,
                             seasonal_periods=M if seasonal else None)
            fit = model.fit(disp=False)
            aicc = fit.aicc
        except Exception:  # statsmodels counts one more parameter: its AICc may not exist
            continue
        if not math.isfinite(aicc):
            continue
        if best is None or aicc < best_aicc:
            best, best_aicc = fit, aicc
    if best is None:
        mean = float(np.mean(y)) if n else float("nan")
        return mean, {level: (float("nan"), float("nan")) for level in levels}
    bounds = {}
    point = float("nan")
    for level in levels:
        frame = best.get_prediction(start=n, end=n).summary_frame(alpha=1 - level)
        point = float(frame["mean"].iloc[0])
        bounds[level] = (float(frame["pi_lower"].iloc[0]), float(frame["pi_upper"].iloc[0]))
    return point, bounds


def backtest(y):
    n = len(y)
    first = max(n - ORIGINS, M)
    diffs = [abs(y[i] - y[i - M]) for i in range(M, first)]
    scale = sum(diffs) / len(diffs) if diffs else float("nan")
    rms_scale = math.sqrt(sum(d * d for d in diffs) / len(diffs)) if diffs else float("nan")
    errors, inside80, inside95, intervals = [], 0, 0, 0
    signed = 0.0
    for t in range(first, n):
        point, bounds = forecast_one(y[:t])
        errors.append(abs(y[t] - point))
        signed += point - y[t]
        lo80, hi80 = bounds[0.8]
        lo95, hi95 = bounds[0.95]
        if math.isfinite(lo80):
            intervals += 1
            inside80 += lo80 <= y[t] <= hi80
            inside95 += lo95 <= y[t] <= hi95
    mae = sum(errors) / len(errors) if errors else float("nan")
    mase = mae / scale if errors and scale and math.isfinite(scale) else float("nan")
    rmse = math.sqrt(sum(e * e for e in errors) / len(errors)) if errors else float("nan")
    rmsse = rmse / rms_scale if errors and rms_scale and math.isfinite(rms_scale) else float("nan")
    return len(errors), intervals, mae, mase, rmsse, inside80, inside95, signed, sum(y[first:])


def median(values):
    values = sorted(v for v in values if math.isfinite(v))
    if not values:
        return float("nan")
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def main():
    path = sys.argv[1]
    sample = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    total = len(rows)
    step = max(1, math.ceil(total / sample)) if sample else 1
    chosen = rows[::step]

    ours = dict(forecasts=0, intervals=0, in80=0.0, in95=0.0, mase=[], rmsse=[], signed={}, actual={})
    theirs = dict(forecasts=0, intervals=0, in80=0, in95=0, mase=[], rmsse=[], signed={}, actual={})
    series = [[float(v) for v in row["series"].strip("{}").split(",") if v != ""] for row in chosen]
    start = time.perf_counter()
    for y in series:
        # the forecast itself: one fit per series (its 8 quarters come from it)
        forecast_one(y)
    forecast_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for row, y in zip(chosen, series):
        forecasts, intervals, mae, mase, rmsse, in80, in95, signed, actual = backtest(y)
        measure = row["measure"]
        for side, error in ((theirs, signed), (ours, float(row["mean_error"] or 0) * int(row["forecasts"]))):
            side["signed"][measure] = side["signed"].get(measure, 0.0) + error
            side["actual"][measure] = side["actual"].get(measure, 0.0) + actual
        theirs["forecasts"] += forecasts
        theirs["intervals"] += intervals
        theirs["in80"] += in80
        theirs["in95"] += in95
        theirs["mase"].append(mase)
        theirs["rmsse"].append(rmsse)
        ours["forecasts"] += int(row["forecasts"])
        ours["intervals"] += int(row["intervals"])
        if row["coverage_80"] != "":
            ours["in80"] += float(row["coverage_80"]) * int(row["intervals"])
            ours["in95"] += float(row["coverage_95"]) * int(row["intervals"])
        ours["mase"].append(float(row["mase"]) if row["mase"] != "" else float("nan"))
        ours["rmsse"].append(float(row["rmsse"]) if row["rmsse"] != "" else float("nan"))
    backtest_seconds = time.perf_counter() - start
    scale_up = total / len(chosen)

    print("statsmodels %s: %d of %d series run (every %d%s)" % (
        statsmodels.__version__, len(chosen), total, step, "" if step == 1 else "; time for all extrapolated"))
    print("%-42s %12s %12s" % ("on those series", "fms", "statsmodels"))
    print("%-42s %12d %12d" % ("one-quarter-ahead forecasts", ours["forecasts"], theirs["forecasts"]))
    for measure in ("mase", "rmsse"):
        pairs = [(a, b) for a, b in zip(ours[measure], theirs[measure]) if math.isfinite(a) and math.isfinite(b)]
        print("%-42s %12.3f %12.3f" % ("median %s (lower is better)" % measure.upper(),
                                       median(ours[measure]), median(theirs[measure])))
        print("%-42s %12d %12d" % ("series with the lower %s" % measure.upper(),
                                   sum(1 for a, b in pairs if a < b), sum(1 for a, b in pairs if a > b)))
    for measure in sorted(ours["actual"]):
        print("%-42s %12.3f %12.3f" % ("forecasts / actuals, %s" % measure,
                                       1 + ours["signed"][measure] / ours["actual"][measure],
                                       1 + theirs["signed"][measure] / theirs["actual"][measure]))
    print("%-42s %12.3f %12.3f" % ("80% interval coverage", ours["in80"] / max(ours["intervals"], 1),
                                   theirs["in80"] / max(theirs["intervals"], 1)))
    print("%-42s %12.3f %12.3f" % ("95% interval coverage", ours["in95"] / max(ours["intervals"], 1),
                                   theirs["in95"] / max(theirs["intervals"], 1)))
    print("statsmodels seconds for %d series: forecast %.1f, backtest %.1f" % (len(chosen), forecast_seconds, backtest_seconds))
    print("STATSMODELS_FORECAST_SECONDS=%.3f" % (forecast_seconds * scale_up))
    print("STATSMODELS_BACKTEST_SECONDS=%.3f" % (backtest_seconds * scale_up))


if __name__ == "__main__":
    main()
