#!/usr/bin/python3
"""
Reference numbers for src/forecast.c from statsmodels (Debian's
python3-statsmodels).  Run with the system interpreter:

    /usr/bin/python3 test/forecast/statsmodels_reference.py

It prints, for four literal quarterly series,
  (a) fitted values of Holt-Winters ExponentialSmoothing and 12 forecasts
      of ETSModel with FIXED parameters and KNOWN initial states, both
      checked here against an independent loop over Hyndman's
      error-correction equations (the form src/forecast.c uses: beta =
      alpha * Holt-Winters' beta*; ETSModel's smoothing_trend is beta).
      Holt-Winters' own forecasts slip at h = 4, 8, 12 (statsmodels issue
      #9538, fixed after 0.14 by pull request #10230), so they are only
      compared at the other horizons and the slip is printed;
  (b) the SSE statsmodels reaches when it fits each of the six additive
      forms: ETSModel (the same bounds as forecast.c) and ExponentialSmoothing
      (phi up to 0.995 by default, and again with phi bounded to 0.98);
  (c) 95% prediction intervals of ETSModel with the fixed parameters and
      known states of (a), and of ETSModel fitted, for the seasonal forms;
then the same numbers as SQL comments, and as a C fragment that
test/forecast/check_forecast.c holds between the BEGIN/END markers.
"""
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import statsmodels
from scipy.stats import norm
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing

warnings.simplefilter("ignore")

M = 4
H = 12

SERIES = {
    # trending, seasonal
    "s1": [131.4, 117.4, 116.4, 125.6, 144.9, 130.0, 125.8, 143.3, 150.1, 142.5,
           137.8, 156.2, 169.3, 152.2, 149.2, 162.6, 177.6, 168.0, 166.6, 179.7,
           192.1, 176.4, 176.6, 188.6, 204.7, 190.4, 190.6, 203.6, 220.1, 201.8,
           202.3, 215.7],
    # growth flattening out (damped), seasonal
    "s2": [97.8, 77.3, 80.8, 95.8, 111.8, 97.4, 89.9, 107.2, 122.5, 105.3, 96.3,
           114.0, 128.4, 110.1, 102.6, 118.9, 130.4, 115.0, 104.2, 120.7, 131.9,
           115.6, 104.9, 123.2, 131.2, 111.8, 106.3, 122.1],
    # noisy, weak trend and season
    "s3": [191.3, 191.2, 193.0, 202.7, 222.1, 208.7, 199.0, 216.1, 224.9, 188.0,
           223.2, 206.5, 208.3, 210.5, 193.1, 216.6, 203.2, 214.0, 185.8, 215.6,
           217.0, 201.3, 204.8, 206.2, 212.3, 214.0, 228.2, 203.1, 237.5, 224.3,
           193.6, 219.4, 231.9, 202.4, 222.0, 229.6, 248.0, 220.0, 222.4, 242.8],
    # level and season, no trend
    "s4": [57.5, 46.8, 41.8, 51.6, 55.3, 49.2, 44.2, 52.4, 57.4, 49.5, 43.3, 51.3,
           59.3, 45.7, 44.3, 52.7, 55.6, 46.6, 42.1, 53.0, 56.9, 47.1, 41.9, 49.6],
}

# Fixed parameters and known initial states for (a) and (c).  beta_star is
# statsmodels' Holt-Winters smoothing_trend; Hyndman's beta = alpha * beta_star.
FIXED = {
    "s1": dict(trend="A", seasonal=True, alpha=0.3, beta_star=0.1, gamma=0.2,
               phi=1.0, l0=125.0, b0=3.0, s0=[10.0, -5.0, -9.0, 4.0]),
    "s2": dict(trend="Ad", seasonal=True, alpha=0.4, beta_star=0.3, gamma=0.15,
               phi=0.9, l0=85.0, b0=5.0, s0=[12.0, -5.0, -11.0, 3.0]),
    "s3": dict(trend="Ad", seasonal=False, alpha=0.2, beta_star=0.2, gamma=0.0,
               phi=0.95, l0=195.0, b0=0.5, s0=None),
    "s4": dict(trend="N", seasonal=True, alpha=0.25, beta_star=0.0, gamma=0.3,
               phi=1.0, l0=50.0, b0=0.0, s0=[7.0, -3.0, -8.0, 2.0]),
}

# The six forms, in forecast.c's order.
FORMS = [("N", False), ("A", False), ("Ad", False), ("N", True), ("A", True), ("Ad", True)]


def form_name(trend, seasonal):
    return "ETS(A,%s,%s)" % (trend, "A" if seasonal else "N")


def hyndman(y, alpha, beta, gamma, phi, l0, b0, s0, h):
    """Error-correction recursions, written out independently."""
    level, trend = l0, b0
    season = list(s0) if s0 is not None else [0.0] * M
    fitted = []
    for t, yt in enumerate(y):
        f = level + phi * trend + season[t % M]
        e = yt - f
        fitted.append(f)
        level, trend = level + phi * trend + alpha * e, phi * trend + beta * e
        season[t % M] += gamma * e
    n = len(y)
    fc, phisum = [], 0.0
    for k in range(1, h + 1):
        phisum += phi ** k
        fc.append(level + phisum * trend + season[(n + k - 1) % M])
    return np.array(fitted), np.array(fc)


def hw_model(y, p, **kw):
    trend = None if p["trend"] == "N" else "add"
    return ExponentialSmoothing(
        np.asarray(y), trend=trend, damped_trend=p["trend"] == "Ad",
        seasonal="add" if p["seasonal"] else None,
        seasonal_periods=M if p["seasonal"] else None, **kw)


def ets_model(y, trend, seasonal, **kw):
    # get_prediction() of statsmodels 0.13 needs a pandas index
    index = pd.period_range("2015Q1", periods=len(y), freq="Q")
    return ETSModel(
        pd.Series(np.asarray(y, dtype=float), index=index), error="add", trend=None if trend == "N" else "add",
        damped_trend=trend == "Ad", seasonal="add" if seasonal else None,
        seasonal_periods=M if seasonal else None, **kw)


def fixed_case(name):
    y = np.asarray(SERIES[name])
    p = FIXED[name]
    beta = p["alpha"] * p["beta_star"]
    known = dict(initialization_method="known", initial_level=p["l0"])
    fit_kw = dict(smoothing_level=p["alpha"], optimized=False)
    if p["trend"] != "N":
        known["initial_trend"] = p["b0"]
        fit_kw["smoothing_trend"] = p["beta_star"]
    if p["trend"] == "Ad":
        fit_kw["damping_trend"] = p["phi"]
    if p["seasonal"]:
        known["initial_seasonal"] = p["s0"]
        fit_kw["smoothing_seasonal"] = p["gamma"]
    res = hw_model(y, p, **known).fit(**fit_kw)
    fitted, hw_fc = np.asarray(res.fittedvalues), np.asarray(res.forecast(H))
    mine_fitted, mine_fc = hyndman(y, p["alpha"], beta, p["gamma"], p["phi"],
                                   p["l0"], p["b0"], p["s0"], H)
    # Holt-Winters in statsmodels <= 0.14 forecasts h = m, 2m, ... with the
    # seasonal factor of y[n - 1] from before its last update (statsmodels
    # issue #9538, fixed by pull request #10230): compare the other
    # horizons only, and report that difference.
    other = np.array([(h + 1) % M != 0 or not p["seasonal"] for h in range(H)])
    diff = max(np.max(np.abs(fitted - mine_fitted)),
               np.max(np.abs(hw_fc[other] - mine_fc[other])))
    hw_stale = float(np.max(np.abs(hw_fc - mine_fc)))
    if diff > 1e-9:
        sys.exit("%s: statsmodels and the error-correction loop differ by %g" % (name, diff))

    # (c) ETSModel, same parameters and states.  Its smoothing_trend is
    # Hyndman's beta.  Which end of initial_seasonal belongs to y[0] is
    # checked against the Holt-Winters fitted values rather than assumed.
    params = [p["alpha"]]
    if p["trend"] != "N":
        params.append(beta)
    if p["seasonal"]:
        params.append(p["gamma"])
    if p["trend"] == "Ad":
        params.append(p["phi"])
    ets_res, order = None, None
    for order in ("as given", "reversed"):
        kw = dict(known)
        if p["seasonal"] and order == "reversed":
            kw["initial_seasonal"] = list(reversed(p["s0"]))
        ets_res = ets_model(y, p["trend"], p["seasonal"], **kw).smooth(params)
        if np.max(np.abs(np.asarray(ets_res.fittedvalues) - fitted)) < 1e-9:
            break
    else:
        sys.exit("%s: ETSModel fitted values match neither seasonal order" % name)
    frame = ets_res.get_prediction(start=len(y), end=len(y) + H - 1).summary_frame(alpha=0.05)
    # ETSModel's forecasts have no such slip: they are the expected values.
    fc = np.asarray(ets_res.forecast(H))
    if np.max(np.abs(fc - mine_fc)) > 1e-9:
        sys.exit("%s: ETSModel forecasts and the error-correction loop differ" % name)
    return dict(y=y, p=p, beta=beta, fitted=fitted, fc=fc, diff=diff, hw_stale=hw_stale,
                ets_mean=np.asarray(frame["mean"]), ets_lower=np.asarray(frame["pi_lower"]),
                ets_upper=np.asarray(frame["pi_upper"]), ets_scale=float(ets_res.scale),
                ets_sse=float(np.sum(np.asarray(ets_res.resid) ** 2)), order=order)


def fitted_sse(name):
    y = np.asarray(SERIES[name])
    out = []
    for trend, seasonal in FORMS:
        p = dict(trend=trend, seasonal=seasonal)
        ets = ets_model(y, trend, seasonal).fit(disp=False, maxiter=10000)
        ets_sse = float(np.sum(np.asarray(ets.resid) ** 2))
        hw = hw_model(y, p, initialization_method="estimated").fit()
        hw98 = hw_model(y, p, initialization_method="estimated",
                        bounds={"damping_trend": (0.8, 0.98)}).fit() if trend == "Ad" else hw
        half = [float("nan"), float("nan")]
        if seasonal:
            frame = ets.get_prediction(start=len(y), end=len(y) + H - 1).summary_frame(alpha=0.05)
            width = np.asarray(frame["pi_upper"]) - np.asarray(frame["mean"])
            half = [float(width[0]), float(width[H - 1])]
        out.append(dict(form=form_name(trend, seasonal), ets=ets_sse, hw=float(hw.sse),
                        hw98=float(hw98.sse), half=half, ets_params=np.asarray(ets.params)))
    return out


# (d) for sql/forecasting.sql: the forms fms.forecast's rule picks for three
# of the series, fitted by ETSModel; the test compares fms.forecast's point
# forecasts and 95% interval half-widths with these.
SQL_FORMS = {"s1": ("A", True), "s2": ("Ad", True), "s4": ("N", True)}


def sql_fitted_rows():
    rows = []
    for name, (trend, seasonal) in SQL_FORMS.items():
        y = np.asarray(SERIES[name])
        fit = ets_model(y, trend, seasonal).fit(disp=False, maxiter=10000)
        frame = fit.get_prediction(start=len(y), end=len(y) + 3).summary_frame(alpha=0.05)
        for h in range(4):
            rows.append("('%s', %d, %.10f, %.10f)" % (name, h + 1, frame["mean"].iloc[h],
                                                      frame["pi_upper"].iloc[h] - frame["mean"].iloc[h]))
    return rows


def c_double(v):
    return "NAN" if np.isnan(v) else "%.17g" % v


def c_array(values):
    return "{" + ", ".join(c_double(v) for v in values) + "}"


def main():
    version = statsmodels.__version__
    fixed = {name: fixed_case(name) for name in SERIES}
    fitted = {name: fitted_sse(name) for name in SERIES}

    print("-- statsmodels %s, scipy %s, numpy %s" % (version, scipy.__version__, np.__version__))
    print("-- (a) Holt-Winters, fixed parameters and known initial states; "
          "statsmodels vs an independent error-correction loop: max |diff| %.3g"
          % max(c["diff"] for c in fixed.values()))
    for name, c in fixed.items():
        p = c["p"]
        print("-- %s %s alpha=%g beta=%g (beta*=%g) gamma=%g phi=%g l0=%g b0=%g s0=%s "
              "(ETSModel initial_seasonal order: %s)"
              % (name, form_name(p["trend"], p["seasonal"]), p["alpha"], c["beta"],
                 p["beta_star"], p["gamma"], p["phi"], p["l0"], p["b0"], p["s0"], c["order"]))
        print("--   forecasts from ETSModel; Holt-Winters differs at h = 4, 8, 12 by up to "
              "%.6f (statsmodels issue #9538)" % c["hw_stale"])
        for h in range(H):
            print("-- statsmodels %s: %s h=%d point=%.10f, lower=%.10f, upper=%.10f"
                  % (version, name, h + 1, c["fc"][h], c["ets_lower"][h], c["ets_upper"][h]))
    print("-- (b) SSE of the fitted forms: ETSModel (forecast.c's bounds), "
          "ExponentialSmoothing (phi <= 0.995), ExponentialSmoothing (phi <= 0.98)")
    for name, rows in fitted.items():
        for r in rows:
            print("-- statsmodels %s: %s %s sse_etsmodel=%.6f sse_hw=%.6f sse_hw_phi98=%.6f"
                  % (version, name, r["form"], r["ets"], r["hw"], r["hw98"]))
    print("-- (d) fitted ETSModel forecasts for sql/forecasting.sql: (series, h, point, 95% half-width)")
    print("--   " + ",\n--   ".join(sql_fitted_rows()))
    print("-- normal quantiles (scipy %s): z(0.80)=%.17g z(0.95)=%.17g z(0.99)=%.17g"
          % (scipy.__version__, norm.ppf(0.9), norm.ppf(0.975), norm.ppf(0.995)))

    print()
    print("/* BEGIN statsmodels_reference.py output (statsmodels %s) */" % version)
    for name, y in SERIES.items():
        print("static const double %s_y[%d] = %s;" % (name, len(y), c_array(y)))
    print("static const RefFixed ref_fixed[%d] = {" % len(fixed))
    for name, c in fixed.items():
        p = c["p"]
        trend = {"N": "ETS_TREND_NONE", "A": "ETS_TREND_ADDITIVE", "Ad": "ETS_TREND_DAMPED"}[p["trend"]]
        print("\t{\"%s\", %s_y, %d, {%s, %s}, {%.17g, %.17g, %.17g, %.17g}," % (
            name, name, len(c["y"]), trend, "true" if p["seasonal"] else "false",
            p["alpha"], c["beta"], p["gamma"], p["phi"]))
        print("\t\t{%.17g, %.17g, %s}, %.17g," % (
            p["l0"], p["b0"] if p["trend"] != "N" else 0.0,
            c_array(p["s0"] if p["seasonal"] else [0.0] * M), c["ets_scale"]))
        print("\t\t%s," % c_array(c["fitted"]))
        print("\t\t%s," % c_array(c["fc"]))
        print("\t\t%s," % c_array(c["ets_lower"]))
        print("\t\t%s}," % c_array(c["ets_upper"]))
    print("};")
    print("static const RefFitted ref_fitted[%d] = {" % sum(len(r) for r in fitted.values()))
    for name, rows in fitted.items():
        for i, r in enumerate(rows):
            trend = ["ETS_TREND_NONE", "ETS_TREND_ADDITIVE", "ETS_TREND_DAMPED"][i % 3]
            print("\t{\"%s\", %s_y, %d, {%s, %s}, %.17g, %.17g, %.17g, %s}," % (
                name, name, len(SERIES[name]), trend, "true" if i >= 3 else "false",
                r["ets"], r["hw"], r["hw98"], c_array(r["half"])))
    print("};")
    print("static const double ref_z[3][2] = {{0.80, %.17g}, {0.95, %.17g}, {0.99, %.17g}};"
          % (norm.ppf(0.9), norm.ppf(0.975), norm.ppf(0.995)))
    print("/* END statsmodels_reference.py output */")


if __name__ == "__main__":
    main()
