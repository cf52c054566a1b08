"""Participation trends across meetings: ordering, streak flags, unknown status, outputs, CLI."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

from analyzer.schema import Analysis, Meeting, Member, MemberMetrics, Metrics, Source
from analyzer.trends import Trend, build_trend, cell_text, to_csv, to_json, to_text
from tests.analyzer.builders import run_cli as bienban
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[2]

# A member's status at one meeting: "spoke", "silent", "absent", "unmentioned" (on the roster,
# present None) or absent from the dict (not on that meeting's roster at all).
Status = dict[str, str]


def meeting(name: str, date: dt.date | None, statuses: Status, **shares: float) -> Analysis:
    members = [
        Member(
            id=member_id,
            name=member_id.replace("-", " ").title(),
            present={"spoke": True, "silent": True, "absent": False}.get(status),
            spoke=status == "spoke",
        )
        for member_id, status in statuses.items()
    ]
    metrics = Metrics(
        members=[
            MemberMetrics(
                id=m.id,
                name=m.name,
                share_of_words=shares.get(m.id.replace("-", "_"), 0.0 if m.present else None),
            )
            for m in members
            if m.present
        ]
    )
    return Analysis(
        source=Source(name=name, format="txt", sha256=hashlib.sha256(name.encode()).hexdigest()),
        text="",
        meeting=Meeting(date=date, kind="chi_bo_regular"),
        members=members,
        metrics=metrics,
    )


def series(member: str, statuses: list[str | None], start: int = 1) -> list[Analysis]:
    """One meeting per status, a month apart; None leaves the member off that roster."""
    return [
        meeting(
            f"thang-{start + i}.txt",
            dt.date(2025, start + i, 10),
            {"chu-tri": "spoke", **({member: status} if status else {})},
        )
        for i, status in enumerate(statuses)
    ]


def flags_of(trend: Trend, member_id: str) -> list[tuple[str, int, list[str]]]:
    member = next(m for m in trend.members if m.id == member_id)
    return [(f.kind, f.length, [ref.name for ref in f.meetings]) for f in member.flags]


def test_meetings_in_date_order_undated_last_in_input_order() -> None:
    analyses = [
        meeting("khong-ngay-b.txt", None, {"an": "spoke"}),
        meeting("thang-5.txt", dt.date(2025, 5, 2), {"an": "silent"}),
        meeting("khong-ngay-a.txt", None, {"an": "absent"}),
        meeting("thang-2.txt", dt.date(2025, 2, 20), {"an": "spoke"}, an=0.4),
    ]
    trend = build_trend(analyses)
    assert [m.name for m in trend.meetings] == [
        "thang-2.txt",
        "thang-5.txt",
        "khong-ngay-b.txt",
        "khong-ngay-a.txt",
    ]
    assert trend.meetings[0].date == dt.date(2025, 2, 20)
    assert trend.meetings[0].kind == "chi_bo_regular"
    cells = trend.members[0].cells
    assert [(c.present, c.spoke) for c in cells] == [
        (True, True),
        (True, False),
        (True, True),
        (False, False),
    ]
    assert cells[0].share_of_words == 0.4 and cells[1].share_of_words == 0.0
    assert cells[3].share_of_words is None
    assert any("khong-ngay-b.txt, khong-ngay-a.txt" in note for note in trend.notes)


def test_absent_four_in_a_row_is_flagged() -> None:
    trend = build_trend(series("binh", ["spoke", "absent", "absent", "absent", "absent", "spoke"]))
    assert flags_of(trend, "binh") == [
        ("absent_streak", 4, ["thang-2.txt", "thang-3.txt", "thang-4.txt", "thang-5.txt"])
    ]
    flag = next(m for m in trend.members if m.id == "binh").flags[0]
    assert flag.meetings[0].index == 1 and flag.meetings[0].date == dt.date(2025, 2, 10)


def test_absent_three_in_a_row_is_not_flagged() -> None:
    trend = build_trend(series("binh", ["absent", "absent", "absent", "spoke", "absent"]))
    assert flags_of(trend, "binh") == []


def test_absent_streak_running_to_the_last_meeting_is_flagged() -> None:
    trend = build_trend(series("binh", ["spoke", "absent", "absent", "absent", "absent", "absent"]))
    assert [(kind, length) for kind, length, _ in flags_of(trend, "binh")] == [("absent_streak", 5)]


def test_silent_in_three_attended_meetings_with_an_absence_between() -> None:
    trend = build_trend(series("cuc", ["silent", "absent", "silent", "silent", "spoke"]))
    assert flags_of(trend, "cuc") == [
        ("silent_streak", 3, ["thang-1.txt", "thang-3.txt", "thang-4.txt"])
    ]


def test_silent_in_two_attended_meetings_is_not_flagged() -> None:
    trend = build_trend(series("cuc", ["silent", "absent", "silent", "spoke", "silent", "silent"]))
    assert flags_of(trend, "cuc") == []


def test_two_streaks_are_two_flags() -> None:
    statuses = ["silent"] * 3 + ["spoke"] + ["absent"] * 4 + ["silent"] * 3
    trend = build_trend(series("dung", statuses))
    assert [(kind, length) for kind, length, _ in flags_of(trend, "dung")] == [
        ("silent_streak", 3),
        ("absent_streak", 4),
        ("silent_streak", 3),
    ]


def test_unknown_is_neither_absent_nor_attended() -> None:
    # Not on the roster of meeting 3: that meeting ends an absence streak (2 + 2, not 4) ...
    trend = build_trend(series("em", ["absent", "absent", None, "absent", "absent"]))
    cell = next(m for m in trend.members if m.id == "em").cells[2]
    assert (cell.present, cell.spoke, cell.share_of_words) == (None, None, None)
    assert cell_text(cell) == "?"
    assert flags_of(trend, "em") == []
    # ... and neither ends nor extends a silence streak.
    trend = build_trend(series("em", ["silent", None, "silent", "unmentioned", "silent"]))
    assert flags_of(trend, "em") == [
        ("silent_streak", 3, ["thang-1.txt", "thang-3.txt", "thang-5.txt"])
    ]
    trend = build_trend(series("em", ["silent", None, "silent", "unmentioned"]))
    assert flags_of(trend, "em") == []
    unmentioned = next(m for m in trend.members if m.id == "em").cells[3]
    assert (unmentioned.present, unmentioned.spoke) == (None, False)


def test_members_matched_by_id_and_guests_left_out() -> None:
    first = meeting("a.txt", dt.date(2025, 1, 1), {"an": "spoke", "khach": "silent"})
    first.members[1].roles = ["khách mời"]
    second = meeting("b.txt", dt.date(2025, 2, 1), {"an": "silent", "binh": "spoke"})
    second.members[0].name = "Nguyễn Văn An"
    empty = meeting("ghi-chu.md", dt.date(2025, 1, 15), {})
    trend = build_trend([second, empty, first])
    assert [m.id for m in trend.members] == ["an", "binh"]
    assert trend.members[0].name == "Nguyễn Văn An"
    assert [m.name for m in trend.meetings] == ["a.txt", "b.txt"]
    assert any("ghi-chu.md" in note for note in trend.notes)


def test_same_document_twice_counts_once() -> None:
    once = meeting("a.txt", dt.date(2025, 1, 1), {"an": "spoke"})
    trend = build_trend([once, once.model_copy(deep=True)])
    assert len(trend.meetings) == 1 and any("trùng" in note for note in trend.notes)


def test_csv_header_and_one_row_per_member_and_meeting() -> None:
    trend = build_trend(
        [
            meeting("a.txt", dt.date(2025, 1, 1), {"an": "spoke", "binh": "absent"}, an=0.25),
            meeting("b.txt", dt.date(2025, 2, 1), {"an": "silent", "cuc": "spoke"}, cuc=1.0),
            meeting("c.txt", None, {"an": "spoke", "binh": "spoke"}, an=0.5, binh=0.5),
        ]
    )
    text = to_csv(trend)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "member_id",
        "name",
        "meeting",
        "date",
        "present",
        "spoke",
        "share_of_words",
    ]
    assert len(rows) == 1 + 3 * 3
    assert rows[1] == ["an", "An", "a.txt", "2025-01-01", "true", "true", "0.25"]
    assert rows[4] == ["binh", "Binh", "a.txt", "2025-01-01", "false", "false", ""]
    assert rows[5] == ["binh", "Binh", "b.txt", "2025-02-01", "", "", ""]
    assert rows[6][2:4] == ["c.txt", ""]


def test_json_round_trip() -> None:
    trend = build_trend(series("binh", ["absent"] * 4 + ["silent"] * 3))
    data = json.loads(to_json(trend))
    assert set(data) == {"meetings", "members", "notes"}
    assert set(data["meetings"][0]) == {"name", "date", "kind"}
    member = next(m for m in data["members"] if m["id"] == "binh")
    assert set(member["cells"][0]) == {"present", "spoke", "share_of_words"}
    assert [f["kind"] for f in member["flags"]] == ["absent_streak", "silent_streak"]
    assert Trend.model_validate_json(to_json(trend)) == trend


def test_saved_json_and_jsonl_are_loaded(tmp_path: Path) -> None:
    one, two, three = series("an", ["spoke", "silent", "absent"])
    (tmp_path / "one.json").write_text(one.model_dump_json(), encoding="utf-8")
    lines = [
        two.model_dump_json(),
        json.dumps({"source": {"name": "hong.docx"}, "error": {"code": "x", "message": "hỏng"}}),
        three.model_dump_json(),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    warnings: list[str] = []
    trend = build_trend(
        [tmp_path / "batch.jsonl", str(tmp_path / "one.json")], warn=warnings.append
    )
    assert [m.name for m in trend.meetings] == ["thang-1.txt", "thang-2.txt", "thang-3.txt"]
    assert len(warnings) == 1 and "hong.docx" in warnings[0] and "dòng 2" in warnings[0]


def test_table_text_has_cells_flags_and_legend() -> None:
    trend = build_trend(series("binh-an", ["spoke", "absent", "absent", "absent", "absent"]))
    trend.members[0].cells[0].share_of_words = 0.123
    text = to_text(trend)
    assert "✔ 12%" in text and "vắng" in text and "Chú giải" in text
    assert "⚠ Binh An" in text and "vắng 4 cuộc liên tiếp (#2–#5)" in text


# --- command line ----------------------------------------------------------------------------


def test_cli_table_on_two_samples() -> None:
    result = bienban(
        "trend",
        str(SAMPLES / "hop-hoi-dong-su-pham.txt"),
        str(SAMPLES / "chi-bo-dinh-ky-thang-3.pdf"),
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Xu hướng tham gia — 2 cuộc họp" in out and "Chú giải" in out
    # The PDF (15/3/2025) comes before the text (05/9/2025) whatever the argument order.
    assert out.index("chi-bo-dinh-ky-thang-3.pdf") < out.index("hop-hoi-dong-su-pham.txt")
    assert "Võ Thị Kim Oanh" in out and "vắng" in out and "im lặng" in out
    assert "\x1b[" not in out  # no colour codes when stdout is not a terminal


def test_cli_csv_to_file_with_jobs(tmp_path: Path) -> None:
    out = tmp_path / "xu-huong.csv"
    result = bienban(
        "trend",
        str(SAMPLES / "hop-hoi-dong-su-pham.txt"),
        str(SAMPLES / "chi-bo-dinh-ky-thang-3.pdf"),
        "--format",
        "csv",
        "-o",
        str(out),
        "--jobs",
        "2",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    members = {row["member_id"] for row in rows}
    assert len(rows) == 2 * len(members) and len(members) >= 10
    oanh = [row for row in rows if row["member_id"] == "vo-thi-kim-oanh"]
    assert [(r["date"], r["present"], r["spoke"]) for r in oanh] == [
        ("2025-03-15", "true", "true"),
        ("2025-09-05", "", ""),
    ]


def test_cli_directory_with_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "bien-ban"
    folder.mkdir()
    (folder / "a.txt").write_bytes((SAMPLES / "hop-hoi-dong-su-pham.txt").read_bytes())
    (folder / "b.txt").write_bytes(b"")
    saved = series("an", ["spoke", "silent"])
    (folder / "c.json").write_text(saved[0].model_dump_json(), encoding="utf-8")
    (folder / "d.jsonl").write_text(
        saved[1].model_dump_json() + '\n{"source": {"name": "x"}, "error": {"message": "hỏng"}}\n',
        encoding="utf-8",
    )
    (folder / "khac.json").write_text('{"id": "not an analysis"}', encoding="utf-8")
    result = bienban("trend", str(folder), "--format", "json")
    assert result.returncode == 0, result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("bienban: ") for line in errors)
    assert any("b.txt" in line for line in errors)
    assert any("khac.json" in line for line in errors)
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert [m["name"] for m in data["meetings"]] == [
        "thang-1.txt",
        "thang-2.txt",
        "a.txt",
    ]


def test_cli_nothing_readable_is_status_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = bienban("trend", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1].startswith("bienban: ")
