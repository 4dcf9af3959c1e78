"""Opens Chronicler's spreadsheet outputs the way a data desk would and
reports what it found, as JSON on stdout (tests/injection.rs asserts on it).

    python3 tests/spreadsheets.py OUTPUT_DIR

* timeline.csv and timelinejs.csv with the `csv` module: the header, the
  number of rows, and every cell that a spreadsheet would run as a formula.
* timeline.xlsx with openpyxl: per sheet the header, frozen panes, rows,
  formula cells, cells whose type is wrong for their column (dates must be
  dates, counts numbers), and the targets of its hyperlinks.
"""

import csv
import datetime
import json
import sys

import openpyxl

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def plain_number(s):
    t = s[1:] if s[:1] in "+-" else s
    whole, _, frac = t.partition(".")
    return whole.isdigit() and (frac == "" or frac.isdigit()) and ("." not in t or frac != "")


def live_formula(s):
    return s.startswith(FORMULA_START) and not plain_number(s)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return {
        "header": rows[0],
        "rows": len(rows) - 1,
        "formulas": [c for r in rows for c in r if live_formula(c)],
    }


# Column types of timeline.xlsx, per sheet: dates and numbers; every other
# cell is text.
TYPES = {
    "Timeline": {"start": "date", "end (exclusive)": "date", "sources": "number", "confidence": "number"},
    "Citations": {"published": "date", "line": "number", "start": "number", "end": "number"},
    "Articles": {"published": "date", "statements cited": "number"},
    "Conflicts": {"number": "number"},
    "Notes": {"number": "number"},
    "Assumptions": {"rank": "number", "score": "number", "statements": "number"},
}


def read_xlsx(path):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = list(ws.iter_rows())
        header = [c.value for c in rows[0]]
        formulas, wrong, types, links = [], [], {}, []
        for r in rows[1:]:
            for name, c in zip(header, r):
                if c.value is None:
                    continue
                if c.data_type == "f" or (isinstance(c.value, str) and c.data_type != "s"):
                    formulas.append(f"{c.coordinate}: {c.value!r}")
                kind = type(c.value).__name__
                types.setdefault(name, set()).add(kind)
                is_date = isinstance(c.value, (datetime.datetime, datetime.date))
                is_number = isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
                want = TYPES.get(ws.title, {}).get(name, "text")
                ok = {
                    # ISO text only outside Excel's calendar (years before 1900)
                    "date": is_date or (isinstance(c.value, str) and c.value[:4] < "1900"),
                    "number": is_number,
                    "text": isinstance(c.value, str),
                }[want]
                if not ok:
                    wrong.append(f"{c.coordinate} {name}: {c.value!r}")
                if c.hyperlink is not None:
                    links.append(c.hyperlink.target)
        out[ws.title] = {
            "header": header,
            "freeze": ws.freeze_panes,
            "rows": len(rows) - 1,
            "formulas": formulas,
            "wrong_types": wrong[:20],
            "types": {k: sorted(v) for k, v in types.items()},
            "links": links,
            "values": [[c.value if not isinstance(c.value, datetime.datetime) else c.value.isoformat() for c in r] for r in rows[1:4]],
        }
    return out


def main():
    d = sys.argv[1]
    print(json.dumps({
        "timeline.csv": read_csv(f"{d}/timeline.csv"),
        "timelinejs.csv": read_csv(f"{d}/timelinejs.csv"),
        "timeline.xlsx": read_xlsx(f"{d}/timeline.xlsx"),
    }, default=str))


if __name__ == "__main__":
    main()
