"""Participation trends across meetings: per member, in date order, present or not, spoke or
not, share of words; flags for long absence and silence streaks.

Members are matched across meetings by ``Member.id`` (the slug of the full name). A member who
is not on a meeting's roster at all has an unknown status there (``present`` and ``spoke``
None): neither absent nor attended. Guests (role "khách mời") are not members of the meeting
they visit, as in ``analyzer.metrics``.

Flags:

- ``absent_streak``: absent (``present`` False) in more than ``ABSENT_STREAK`` consecutive
  meetings; a meeting with an unknown status ends the streak (the absence is not known).
- ``silent_streak``: present and silent in ``SILENT_STREAK`` or more consecutive meetings the
  member attended; meetings they did not attend (absent or unknown) are skipped, a meeting they
  attended and spoke in ends the streak.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from analyzer.errors import AnalyzerError
from analyzer.roster import GUEST_ROLE
from analyzer.schema import Analysis, MeetingKind

ABSENT_STREAK = 3  # flagged when absent in MORE than this many meetings in a row
SILENT_STREAK = 3  # flagged when silent in this many or more attended meetings in a row
SAVED_SUFFIXES = {".json", ".jsonl"}

Warn = Callable[[str], None]


class TrendInputError(AnalyzerError):
    """A saved file that is not an analysis (bad JSON, another schema, no analysis inside)."""

    code = "invalid_analysis_file"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TrendMeeting(_Model):
    name: str  # the source file name
    date: dt.date | None = None
    kind: MeetingKind = "other"


class TrendCell(_Model):
    """One member at one meeting. ``spoke`` is None when the member is not on that roster."""

    present: bool | None = None
    spoke: bool | None = None
    share_of_words: float | None = None


class FlagMeeting(_Model):
    index: int  # position in ``Trend.meetings``
    name: str
    date: dt.date | None = None


class TrendFlag(_Model):
    kind: Literal["absent_streak", "silent_streak"]
    length: int
    meetings: list[FlagMeeting] = Field(default_factory=list)


class TrendMember(_Model):
    id: str
    name: str
    cells: list[TrendCell] = Field(default_factory=list)  # one per meeting, same order
    flags: list[TrendFlag] = Field(default_factory=list)


class Trend(_Model):
    meetings: list[TrendMeeting] = Field(default_factory=list)
    members: list[TrendMember] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


def _stderr(message: str) -> None:
    print(f"bienban: {message}", file=sys.stderr)


# --- reading saved analyses ----------------------------------------------------------------


def is_saved(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in SAVED_SUFFIXES


def load_saved(path: str | os.PathLike[str], warn: Warn = _stderr) -> list[Analysis]:
    """Analyses saved by ``bienban analyze``: a .json document or the lines of a .jsonl batch.

    Error lines of a batch and lines that are not analyses are skipped with a warning; a file
    with no analysis at all raises ``TrendInputError``.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TrendInputError(f"Không tìm thấy tệp {path.name}.") from None
    except (OSError, UnicodeDecodeError):
        raise TrendInputError(f"Không đọc được tệp {path.name}.") from None
    if path.suffix.lower() == ".jsonl":
        return _load_lines(path.name, raw, warn)
    try:
        data = json.loads(raw)
    except ValueError:
        raise TrendInputError(f"Tệp {path.name} không phải JSON hợp lệ.") from None
    return [_analysis_of(data, path.name)]


def _load_lines(name: str, raw: str, warn: Warn) -> list[Analysis]:
    analyses: list[Analysis] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}, dòng {number}"
        try:
            data = json.loads(line)
        except ValueError:
            warn(f"{where}: không phải JSON hợp lệ, bỏ qua.")
            continue
        if isinstance(data, dict) and "error" in data:
            source = data.get("source") or {}
            error = data.get("error") or {}
            label = source.get("name", "?") if isinstance(source, dict) else "?"
            message = error.get("message", "lỗi") if isinstance(error, dict) else "lỗi"
            warn(f"{where}: bỏ qua {label} (phân tích lỗi: {message})")
            continue
        try:
            analyses.append(_analysis_of(data, where))
        except TrendInputError as exc:
            warn(f"{exc.message} Bỏ qua.")
    if not analyses:
        raise TrendInputError(f"Tệp {name} không chứa kết quả phân tích nào.")
    return analyses


def _analysis_of(data: object, where: str) -> Analysis:
    if not isinstance(data, dict) or "schema_version" not in data:
        raise TrendInputError(f"{where} không phải kết quả phân tích của bienban.")
    try:
        return Analysis.model_validate(data)
    except ValidationError:
        raise TrendInputError(
            f"{where}: kết quả phân tích không hợp lệ (schema_version {data['schema_version']!r})."
        ) from None


def load(path: str | os.PathLike[str], warn: Warn = _stderr) -> list[Analysis]:
    """A saved analysis file, or a document analysed now. Raises ``AnalyzerError``."""
    if is_saved(path):
        return load_saved(path, warn)
    from analyzer.pipeline import analyze

    return [analyze(Path(path))]


# --- building the trend ----------------------------------------------------------------------


def build_trend(
    analyses: Iterable[Analysis | str | os.PathLike[str]], warn: Warn = _stderr
) -> Trend:
    """The trend of the given meetings (analyses, or paths of saved analyses / documents)."""
    loaded: list[Analysis] = []
    for entry in analyses:
        loaded += [entry] if isinstance(entry, Analysis) else load(entry, warn)
    notes: list[str] = []
    unique: list[Analysis] = []
    seen: dict[str, str] = {}
    for analysis in loaded:
        if not any(GUEST_ROLE not in m.roles for m in analysis.members):
            notes.append(f"{analysis.source.name}: không tìm thấy thành viên nào, không đưa vào.")
            continue
        digest = analysis.source.sha256
        if digest in seen:
            notes.append(
                f"{analysis.source.name} trùng nội dung với {seen[digest]}: chỉ tính một lần."
            )
            continue
        seen[digest] = analysis.source.name
        unique.append(analysis)
    dated = [a for a in unique if a.meeting.date is not None]
    undated = [a for a in unique if a.meeting.date is None]
    ordered = sorted(dated, key=lambda a: a.meeting.date) + undated  # stable: input order
    if undated:
        listed = ", ".join(a.source.name for a in undated)
        notes.append(
            f"Không xác định được ngày họp của {len(undated)} biên bản ({listed}): "
            "xếp cuối, theo thứ tự nhập."
        )
    meetings = [
        TrendMeeting(name=a.source.name, date=a.meeting.date, kind=a.meeting.kind) for a in ordered
    ]
    names: dict[str, str] = {}
    order: list[str] = []
    per_meeting: list[dict[str, TrendCell]] = []
    for analysis in ordered:
        shares = {m.id: m.share_of_words for m in analysis.metrics.members}
        cells: dict[str, TrendCell] = {}
        for member in analysis.members:
            if GUEST_ROLE in member.roles or member.id in cells:
                continue
            if member.id not in names:
                order.append(member.id)
            names[member.id] = member.name  # the latest spelling wins
            cells[member.id] = TrendCell(
                present=member.present,
                spoke=member.spoke,
                share_of_words=shares.get(member.id) if member.present is not False else None,
            )
        per_meeting.append(cells)
    members = []
    for member_id in order:
        row = [found.get(member_id, TrendCell()) for found in per_meeting]
        members.append(
            TrendMember(
                id=member_id,
                name=names[member_id],
                cells=row,
                flags=_flags(row, meetings),
            )
        )
    return Trend(meetings=meetings, members=members, notes=notes)


def _flags(cells: Sequence[TrendCell], meetings: Sequence[TrendMeeting]) -> list[TrendFlag]:
    flags: list[TrendFlag] = []

    def close(kind: Literal["absent_streak", "silent_streak"], run: list[int], minimum: int):
        if len(run) >= minimum:
            refs = [FlagMeeting(index=i, name=meetings[i].name, date=meetings[i].date) for i in run]
            flags.append(TrendFlag(kind=kind, length=len(run), meetings=refs))

    absent: list[int] = []
    silent: list[int] = []
    for index, cell in enumerate(cells):
        if cell.present is False:
            absent.append(index)
            continue
        close("absent_streak", absent, ABSENT_STREAK + 1)
        absent = []
        if cell.present is True:
            if cell.spoke:
                close("silent_streak", silent, SILENT_STREAK)
                silent = []
            else:
                silent.append(index)
    close("absent_streak", absent, ABSENT_STREAK + 1)
    close("silent_streak", silent, SILENT_STREAK)
    flags.sort(key=lambda f: (f.meetings[0].index, f.kind))
    return flags


# --- outputs ---------------------------------------------------------------------------------

CSV_COLUMNS = ("member_id", "name", "meeting", "date", "present", "spoke", "share_of_words")


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(trend: Trend) -> str:
    """One row per member × meeting, members in table order, meetings in date order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for member in trend.members:
        for meeting, cell in zip(trend.meetings, member.cells, strict=True):
            writer.writerow(
                [
                    member.id,
                    member.name,
                    meeting.name,
                    meeting.date.isoformat() if meeting.date else "",
                    _csv_value(cell.present),
                    _csv_value(cell.spoke),
                    _csv_value(cell.share_of_words),
                ]
            )
    return buffer.getvalue()


def to_json(trend: Trend) -> str:
    return json.dumps(trend.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _date_vi(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else "chưa rõ ngày"


def _percent(share: float | None) -> str:
    if share is None:
        return ""
    if 0 < share < 0.005:
        return " <1%"
    return f" {share:.0%}"


def cell_text(cell: TrendCell) -> str:
    """The table cell: "✔ 12%", "im lặng", "vắng" or "?"."""
    if cell.spoke:
        return "✔" + _percent(cell.share_of_words)
    if cell.present is True:
        return "im lặng"
    if cell.present is False:
        return "vắng"
    return "?"


def flag_text(flag: TrendFlag) -> str:
    what = "vắng" if flag.kind == "absent_streak" else "có mặt nhưng không phát biểu"
    first, last = flag.meetings[0].index + 1, flag.meetings[-1].index + 1
    return f"{what} {flag.length} cuộc liên tiếp (#{first}–#{last})"


def render(trend: Trend):  # type: ignore[no-untyped-def]
    """The Rich renderable: members × meetings, flagged members highlighted, then the meeting
    list, the flags, the legend and the notes."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    try:
        from analyzer.render import KIND_LABELS
    except ImportError:  # the labels are a nicety; the trend does not depend on them
        KIND_LABELS = {}

    flagged = sum(bool(m.flags) for m in trend.members)
    table = Table(
        title=f"Xu hướng tham gia — {len(trend.meetings)} cuộc họp, {len(trend.members)} thành viên",
        title_justify="left",
    )
    table.add_column("Thành viên", no_wrap=True)
    for number, meeting in enumerate(trend.meetings, start=1):
        date = meeting.date.strftime("%d/%m/%y") if meeting.date else "?"
        table.add_column(f"#{number}\n{date}", justify="center", no_wrap=True)
    table.add_column("Cảnh báo")
    for member in trend.members:
        streak: dict[int, str] = {}
        for flag in member.flags:
            style = "bold red" if flag.kind == "absent_streak" else "bold yellow"
            for ref in flag.meetings:
                streak[ref.index] = style
        row: list[Text] = [
            Text(
                ("⚠ " if member.flags else "") + member.name,
                style="bold red" if member.flags else "",
            )
        ]
        for index, cell in enumerate(member.cells):
            text = cell_text(cell)
            style = streak.get(index) or (
                "green" if cell.spoke else "dim" if text == "?" else "red" if text == "vắng" else ""
            )
            row.append(Text(text, style=style))
        row.append(Text("; ".join(flag_text(f) for f in member.flags), style="red"))
        table.add_row(*row)
    lines = [Text("Các cuộc họp:", style="bold")]
    for number, meeting in enumerate(trend.meetings, start=1):
        kind = KIND_LABELS.get(meeting.kind, meeting.kind)
        lines.append(Text(f"  #{number}  {_date_vi(meeting.date)}  {meeting.name}  ({kind})"))
    if flagged:
        lines.append(Text(f"{flagged} thành viên cần chú ý (⚠).", style="bold red"))
    lines.append(
        Text(
            "Chú giải: ✔ n% = có mặt và phát biểu (n% tổng số từ các thành viên đã nói trong cuộc họp); "
            "im lặng = có mặt, không phát biểu; vắng = vắng mặt; "
            "? = không có tên trong biên bản cuộc họp đó. "
            f"Cảnh báo khi vắng hơn {ABSENT_STREAK} cuộc liên tiếp, hoặc có mặt mà không phát biểu "
            f"từ {SILENT_STREAK} cuộc liên tiếp trở lên (không tính các cuộc vắng).",
            style="dim",
        )
    )
    lines += [Text(f"Lưu ý: {note}", style="italic") for note in trend.notes]
    return Group(table, *lines)


def to_text(trend: Trend) -> str:
    """The table as plain text, as wide as it needs to be (for a file)."""
    from rich.console import Console

    buffer = io.StringIO()
    _print(trend, Console(file=buffer, color_system=None), fit=True)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def print_table(trend: Trend, console=None) -> None:  # type: ignore[no-untyped-def]
    """Print the table; on a terminal it fits the window, elsewhere it takes its full width."""
    from rich.console import Console

    console = console or Console()
    _print(trend, console, fit=not console.is_terminal)


def _print(trend: Trend, console, *, fit: bool) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    group = render(trend)
    if fit:
        table = next(r for r in group.renderables if isinstance(r, Table))
        console.width = 10_000  # measure without a limit, then fit
        console.width = max(80, console.measure(table).maximum)
    console.print(group)
