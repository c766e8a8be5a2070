"""pandas_peer.py: the pandas peer of make bench.

The aggregates of tests/bench/big.md over the same CSV: pandas' C reader
with the column types given (as briefing is given them by the spec), then
one groupby per chart and the three values.  Prints the figures so a run
that read nothing cannot pass for a fast one.
    /usr/bin/python3 tests/bench/pandas_peer.py CSV
"""
import sys

import pandas as pd


def main(csv):
    df = pd.read_csv(csv, dtype={"year": "int32", "month": "int32", "flow": "category",
                                 "hs_code": "category", "commodity": "category",
                                 "partner": "category", "value_usd": "float64",
                                 "net_kg": "int64"}, engine="c")
    v = df["value_usd"]
    total = v.sum()
    lines_2024 = int((df["year"] == 2024).sum())
    largest = v[df["flow"] == "export"].max()
    by_year_flow = v.groupby([df["year"], df["flow"]], observed=True).sum()
    top_commodity = v.groupby(df["commodity"], observed=True).sum().nlargest(10)
    mean_year = v.groupby(df["year"]).mean()
    by_month = df.groupby("month").size()
    top_hs = v.groupby(df["hs_code"], observed=True).sum().nlargest(20)
    print(f"rows {len(df)} total {total:.2f} lines_2024 {lines_2024} largest_export {largest}")
    print(f"groups: year-flow {len(by_year_flow)} commodity {len(top_commodity)} "
          f"year {len(mean_year)} month {len(by_month)} hs_code {len(top_hs)}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: pandas_peer.py CSV")
    main(sys.argv[1])
