"""Regenerate the Carana sample monitoring dataset (SYNTHETIC): observations.csv and .hxl.csv.

Run ``python -m missionplan.scenarios.carana.data.generate``. The figures are
invented to exercise the monitoring room: monthly values (on the 15th) from the
event each indicator measures, as the sample workspace dates it
(``workspace.yaml``: no deployed strength before the resolution, no disarmament
before the programme starts), to mid-2028, shaped so that on the sample
workspace's scenario day some criteria are met, some on track and some not.
No randomness: the output is the same on every run.
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
LAST = date(2028, 6, 15)
# Each indicator's first observation is on the day of the event it measures, from
# workspace.yaml; the values below follow monthly, on the 15th (cumulative for counts).
STARTS = {
    "deployed_strength": "resolution_adopted", "election_preparation": "resolution_adopted",
    "ceasefire_violations": "peace_agreement_signed",
    "combatants_disarmed": "ddr_started", "combatants_demobilised": "ddr_started",
    "idps_returned": "peace_agreement_signed", "refugees_returned": "peace_agreement_signed",
    "people_needing_relief": "peace_agreement_signed",
}
# National values, country-wide.
NATIONAL: dict[str, list[float]] = {
    "deployed_strength": [5, 12, 24, 37, 50, 61, 70, 77, 83, 88, 92],
    "ceasefire_violations": [40, 36, 30, 23, 17, 12, 8, 5, 3, 2, 1, 1, 0, 0],
    "election_preparation": [0, 5, 12, 20, 30, 40, 52, 64, 76, 88, 100],
}
BY_PLACE: dict[str, list[float]] = {
    "combatants_disarmed": [0, 4500, 9000, 13500, 18000, 22500, 27000, 31500, 36000, 40500],
    "combatants_demobilised": [0, 2500, 6500, 10500, 14900, 19400, 24000, 28900, 34000,
                               39000],
    "idps_returned": [0, 0, 3000, 8000, 15000, 22000, 30000, 38000, 47000, 60000, 80000,
                      110000, 150000, 190000],
    "refugees_returned": [0, 0, 0, 400, 1200, 2000, 3000, 4000, 5000, 7000, 10000, 14000,
                          19000, 24000],
    "people_needing_relief": [1200000, 1200000, 1190000, 1150000, 1090000, 1010000, 920000,
                              830000, 740000, 650000, 560000, 470000, 390000, 310000],
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


def sample_actuals() -> dict[str, date]:
    """The sample workspace's actual dates (workspace.yaml, read as ``init`` reads it)."""
    from ....store.seed import starting_state

    return starting_state(HERE / "workspace.yaml").actuals


def days(indicator: str, count: int) -> list[date]:
    """The day its measured event happened, then the 15th of each month after."""
    first = sample_actuals()[STARTS[indicator]]
    out = [first]
    y, m = first.year, first.month
    while len(out) < count:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        out.append(date(y, m, 15))
    if out[-1] > LAST:
        raise ValueError(f"{indicator}: {count} values run past {LAST}")
    return out


def rows() -> list[Row]:
    """Every observation of the sample, in long form."""
    out: list[Row] = []
    for indicator, values in NATIONAL.items():
        out += [{"indicator": indicator, "date": d, "value": v}
                for d, v in zip(days(indicator, len(values)), values, strict=True)]
    for indicator, values in BY_PLACE.items():
        for day, total in zip(days(indicator, len(values)), values, strict=True):
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
