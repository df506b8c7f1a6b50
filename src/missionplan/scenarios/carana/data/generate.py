"""Regenerate the Carana sample monitoring dataset (SYNTHETIC): observations.csv and .hxl.csv.

Run ``python -m missionplan.scenarios.carana.data.generate``. The figures are
invented to exercise the monitoring room: monthly values over the first year
after an assumed agreement date of 2027-01-15, shaped so that as of the end of
2027 some criteria are met, some on track and some not. Fixed seed: the output
is the same on every run.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
HEADER = ("# SYNTHETIC DATA: invented for the Carana training scenario; not real figures. "
          "See README.md.")
SOURCE = "synthetic sample"
PCODES = [f"CR0{i}" for i in range(1, 9)]
MONTHS = [date(2027, m, 15) for m in range(1, 13)]

# National monthly values, January to December 2027 (cumulative for people counts).
NATIONAL: dict[str, list[float]] = {
    "deployed_strength": [5, 12, 22, 35, 48, 60, 68, 74, 79, 83, 86, 88],
    "ceasefire_violations": [40, 31, 22, 15, 9, 6, 4, 3, 2, 1, 0, 0],
    "election_preparation": [0, 5, 12, 20, 30, 40, 50, 60, 72, 84, 93, 100],
}
BY_PLACE: dict[str, list[float]] = {
    "combatants_disarmed": [0, 0, 1500, 5200, 9400, 13800, 18100, 22500, 27000, 31600, 36000,
                            40600],
    "combatants_demobilised": [0, 0, 0, 2600, 6500, 10700, 14900, 19400, 24000, 28900, 34000,
                               39600],
    "idps_returned": [0, 4000, 11000, 19000, 27000, 33000, 38000, 45000, 70000, 110000,
                      150000, 192000],
    "refugees_returned": [0, 0, 500, 1500, 2500, 3500, 4200, 5000, 8000, 12000, 17000, 22000],
    "people_needing_relief": [1200000, 1180000, 1120000, 1050000, 980000, 900000, 820000,
                              740000, 660000, 590000, 520000, 455000],
}
# Share of each province (CR01..CR08) in each count; invented.
WEIGHTS: dict[str, list[float]] = {
    "combatants_disarmed": [8, 6, 10, 22, 9, 7, 18, 20],
    "combatants_demobilised": [8, 6, 10, 22, 9, 7, 18, 20],
    "idps_returned": [5, 7, 9, 16, 11, 8, 14, 30],
    "refugees_returned": [3, 4, 6, 25, 8, 5, 21, 28],
    "people_needing_relief": [6, 8, 10, 17, 11, 9, 15, 24],
}
FEMALE = {"combatants_disarmed": 0.12, "combatants_demobilised": 0.12}
AGES = {"children": 0.48, "adults": 0.45, "elderly": 0.07}
Row = dict[str, object]


def _split(total: float, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to ``weights`` that add up to ``round(total)``."""
    w = np.array(weights, dtype=float) / sum(weights)
    raw = w * round(total)
    parts = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - parts))[: round(total) - parts.sum()]:
        parts[i] += 1
    return [int(p) for p in parts]


def rows() -> list[Row]:
    """Every observation of the sample, in long form."""
    out: list[Row] = []
    for indicator, values in NATIONAL.items():
        out += [{"indicator": indicator, "date": d, "value": v} for d, v in zip(MONTHS, values,
                                                                                strict=True)]
    for indicator, values in BY_PLACE.items():
        for day, total in zip(MONTHS, values, strict=True):
            for pcode, part in zip(PCODES, _split(total, WEIGHTS[indicator]), strict=True):
                out += _place_rows(indicator, day, pcode, part)
    return out


def _place_rows(indicator: str, day: date, pcode: str, value: int) -> list[Row]:
    base: Row = {"indicator": indicator, "date": day, "pcode": pcode}
    out: list[Row] = [{**base, "value": value}]
    female_share = FEMALE.get(indicator, 0.51)
    female, male = _split(value, [female_share, 1 - female_share])
    out += [{**base, "sex": "female", "value": female}, {**base, "sex": "male", "value": male}]
    if indicator not in FEMALE:
        for age, part in zip(AGES, _split(value, list(AGES.values())), strict=True):
            out.append({**base, "age_group": age, "value": part})
    return out


def write_csv(path: Path, data: list[Row]) -> None:
    fields = ["indicator", "date", "value", "source", "pcode", "sex", "age_group"]
    with path.open("w", newline="", encoding="utf-8") as f:
        f.write(HEADER + "\n")
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        for r in data:
            writer.writerow({**{k: "" for k in fields}, "source": SOURCE, **r})


def write_hxl(path: Path, data: list[Row]) -> None:
    """The same data in wide HXL form: one row per indicator, day and place."""
    wide: dict[tuple[str, date, str], dict[str, object]] = {}
    for r in data:
        day = r["date"]
        assert isinstance(day, date)
        key = (str(r["indicator"]), day, str(r.get("pcode", "")))
        cell = str(r.get("sex") or r.get("age_group") or "total")
        wide.setdefault(key, {})[cell] = r["value"]
    cells = ["total", "female", "male", "children", "adults", "elderly"]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([HEADER])
        writer.writerow(["Indicator", "Date", "Province P-code", "Source", "Value", "Female",
                         "Male", "Children", "Adults", "Elderly"])
        writer.writerow(["#indicator", "#date", "#adm1+code", "#meta+source", "#value",
                         "#value+f", "#value+m", "#value+children", "#value+adults",
                         "#value+elderly"])
        for (indicator, day, pcode), values in wide.items():
            writer.writerow([indicator, day, pcode, SOURCE]
                            + [values.get(c, "") for c in cells])


def main() -> None:
    data = rows()
    write_csv(HERE / "observations.csv", data)
    write_hxl(HERE / "observations.hxl.csv", data)


if __name__ == "__main__":
    main()
