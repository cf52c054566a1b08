"""The analyzer as the API uses it: loaded once per process, run off the event loop.

No NLP here: reading goes through ``analyzer.ingest``, analysis through
``analyzer.pipeline.analyze_raw``, reports through the analyzer's renderers.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from analyzer.schema import Analysis
from api.errors import ApiError
from api.store import Upload

T = TypeVar("T")

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Analysed once at start-up (AnalyzerService.load): a turn with a proposal and a conclusion.
_WARM_UP_TEXT = (
    "BIÊN BẢN SINH HOẠT CHI BỘ\nVào hồi 8 giờ, chi bộ họp.\n"
    "Đồng chí Nguyễn Văn An: đề nghị chi bộ tăng cường kiểm tra.\n"
    "Kết luận: chi bộ nhất trí.\n"
)


class ReportFormat(StrEnum):
    json = "json"
    md = "md"
    html = "html"
    docx = "docx"


@dataclass(frozen=True)
class Rendered:
    """A response body ready to send."""

    body: bytes
    media_type: str
    headers: dict[str, str] = field(default_factory=dict)


class AnalyzerService:
    """The loaded analyzer and the threads that run analyses with a time limit."""

    def __init__(self, threads: int = 2, max_waiting: int = 32) -> None:
        self.threads = threads
        self.max_waiting = max_waiting
        self._executor: ThreadPoolExecutor | None = None
        self._in_flight = 0  # running or queued, including timed-out work still running
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._executor is not None

    def load(self) -> None:
        """Build the spaCy pipeline, load the item model and run one small analysis now, so the
        first request is fast and nothing is loaded lazily by two analysis threads at once:
        underthesea loads its word segmenter on first use, and a thread that meets it half
        loaded fails (AttributeError, a 500 for the first concurrent requests of a worker)."""
        from analyzer import item_model
        from analyzer.ingest import read_text
        from analyzer.pipeline import analyze_raw, get_nlp

        get_nlp()
        item_model.load()
        analyze_raw(read_text(_WARM_UP_TEXT, "warm-up.txt"), None)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.threads, thread_name_prefix="bienban")

    def close(self) -> None:
        """Stop taking work; an analysis still running finishes in the background."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    @property
    def version(self) -> str:
        """The analyzer that produces the analyses: package and item-model versions."""
        return analyzer_version()

    def analyze(self, upload: Upload) -> Analysis:
        """Analyse a file (format from the name's extension, checked on the bytes) or text
        sent as JSON (WebVTT, SRT and "Name: text" transcripts are recognised)."""
        from analyzer.ingest import read_bytes, read_text
        from analyzer.pipeline import analyze_raw

        if upload.from_text:
            raw = read_text(upload.content.decode("utf-8", "surrogatepass"), upload.filename)
        else:
            raw = read_bytes(upload.content, upload.filename)
        # Always a list: analyze_raw reads a str roster as a path on this machine.
        analysis, _ = analyze_raw(raw, list(upload.roster) or None)
        return analysis

    async def run(self, work: Callable[[], T], timeout_s: float) -> T:
        """Run ``work`` in the analysis threads; past ``timeout_s`` the client gets a 503.

        When ``max_waiting`` requests already wait for a thread, the next one gets 503 ``busy``
        at once (with Retry-After) instead of waiting its whole time limit in the queue.

        A thread cannot be stopped: a timed-out analysis runs to its end in the background and
        its result is dropped. Work still queued when the time is up is cancelled.
        """
        if self._executor is None:
            raise not_ready()
        with self._lock:
            if self._in_flight >= self.threads + self.max_waiting:
                raise ApiError(
                    503,
                    "busy",
                    "Máy chủ đang phân tích quá nhiều biên bản cùng lúc; hãy thử lại sau ít phút.",
                    headers={"Retry-After": "10"},
                )
            self._in_flight += 1
        future = self._executor.submit(work)
        future.add_done_callback(self._finished)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout_s)
        except TimeoutError:
            future.cancel()
            raise ApiError(
                503,
                "timeout",
                f"Phân tích vượt quá thời gian cho phép ({timeout_s:g} giây); "
                "hãy thử lại sau hoặc chia biên bản thành các tệp nhỏ hơn.",
            ) from None

    def _finished(self, _future: object) -> None:
        with self._lock:
            self._in_flight -= 1


def not_ready() -> ApiError:
    return ApiError(503, "not_ready", "Máy chủ đang nạp mô hình phân tích, chưa sẵn sàng.")


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bienban")
    except PackageNotFoundError:  # a source tree that is not installed
        return "0+unknown"


def analyzer_version() -> str:
    """What produced an analysis: the package and the item model."""
    from analyzer.item_model import MODEL_VERSION

    return f"{package_version()}+items{MODEL_VERSION}"


def render(analysis: Analysis, fmt: ReportFormat) -> Rendered:
    """The analysis as JSON (the public contract), Markdown, HTML or a Word report."""
    if fmt is ReportFormat.md:
        from analyzer.render import to_markdown

        return Rendered(to_markdown(analysis).encode(), "text/markdown; charset=utf-8")
    if fmt is ReportFormat.html:
        from analyzer.render_html import to_html

        return Rendered(to_html(analysis).encode(), "text/html; charset=utf-8")
    if fmt is ReportFormat.docx:
        from analyzer.render_docx import to_docx

        with tempfile.TemporaryDirectory(prefix="bienban-") as folder:
            path = Path(folder) / "report.docx"
            to_docx(analysis, path)
            body = path.read_bytes()
        name = f"{Path(analysis.source.name).stem or 'bienban'}-bao-cao.docx"
        return Rendered(body, DOCX_MEDIA_TYPE, {"Content-Disposition": attachment(name)})
    # Same document as model_dump(mode="json"), serialised by pydantic-core in this thread.
    return Rendered(analysis.model_dump_json().encode(), "application/json")


def attachment(name: str) -> str:
    """A Content-Disposition header for a download: an ASCII name and the UTF-8 one."""
    from urllib.parse import quote

    decomposed = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    decomposed = "-".join(decomposed.split())
    ascii_name = "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in "._-"))
    return (
        f"attachment; filename=\"{ascii_name or 'bao-cao.docx'}\"; filename*=UTF-8''{quote(name)}"
    )
