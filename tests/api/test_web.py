"""The web page: sign-in, upload, the analysis view, downloads, history, and its defences.

Pages are checked as HTML with the TestClient; the same flow in a real browser is in
``tests/e2e/test_browser.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient

from analyzer.render import KIND_LABELS
from analyzer.schema import (
    Analysis,
    Item,
    Meeting,
    Member,
    MemberMetrics,
    Metrics,
    PersonRef,
    Source,
)
from api.app import create_app
from api.deps import get_store
from api.errors import INTERNAL_MESSAGE
from api.routes import web
from api.settings import Settings
from api.store import Upload
from tests.conftest import SAMPLES

DOCX = "chi-bo-chuyen-de-quy-3.docx"
MINUTES = (
    "BIÊN BẢN HỌP CHI ĐOÀN\n"
    "Thời gian: 14 giờ ngày 10/10/2025. Chủ trì: đồng chí Nguyễn Văn Hùng.\n"
    "Đ/c Lan phát biểu: đề nghị tổ chức thêm buổi sinh hoạt chuyên đề về chuyển đổi số.\n"
    "Đ/c Hùng kết luận: giao đồng chí Lan chuẩn bị kế hoạch trước ngày 20/10/2025.\n"
)
EXTERNAL = re.compile(r"https?://|//[a-z0-9]", re.IGNORECASE)  # absolute or scheme-relative


def upload(client: TestClient, name: str, data: bytes, **headers: str) -> Any:
    return client.post(
        "/tai-len",
        files={"file": (name, data)},
        data={"roster": ""},
        headers=headers,
        follow_redirects=False,
    )


def assert_page(response: Any, status: int) -> str:
    """An HTML page in Vietnamese with the security headers, nothing from outside the server,
    and no traceback."""
    assert response.status_code == status, response.text[:2000]
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    text = str(response.text)
    assert '<html lang="vi">' in text
    assert not EXTERNAL.search(text), EXTERNAL.search(text)
    assert "Traceback" not in text and 'File "' not in text
    assert "<script>" not in text and " style=" not in text  # nothing inline for the CSP to block
    return text


def fresh(client: TestClient, **kwargs: Any) -> TestClient:
    """Another client of the same app (already started): its own cookie jar."""
    return TestClient(client.app, **kwargs)


@pytest.fixture(scope="module")
def stored(client: TestClient) -> str:
    """The docx sample uploaded through the page, for the local organisation."""
    response = upload(client, DOCX, (SAMPLES / DOCX).read_bytes())
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert re.fullmatch(r"/phan-tich/[0-9a-f-]{36}", location)
    return location.rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def view(client: TestClient, stored: str) -> str:
    return assert_page(client.get(f"/phan-tich/{stored}"), 200)


# --- home and upload --------------------------------------------------------------------------


def test_home_has_the_upload_form(client: TestClient) -> None:
    text = assert_page(client.get("/"), 200)
    assert 'class="skip" href="#noi-dung"' in text and 'id="noi-dung"' in text
    assert 'action="/tai-len"' in text and 'enctype="multipart/form-data"' in text
    assert f'accept="{web.UPLOAD_ACCEPT}"' in text
    # Every input has a label.
    for control in ("tep", "danh-sach", "loai", "tu", "den"):
        assert f'<label for="{control}">' in text and f'id="{control}"' in text
    assert "Danh sách thành viên (mỗi dòng một người)" in text
    assert '<link rel="stylesheet" href="/static/app.css">' in text
    assert '<script src="/static/app.js" defer></script>' in text


def test_static_files(client: TestClient) -> None:
    css = client.get("/static/app.css")
    js = client.get("/static/app.js")
    assert css.status_code == js.status_code == 200
    assert ":focus-visible" in css.text and "@media (max-width" in css.text
    assert "a.goto" in js.text
    assert not EXTERNAL.search(css.text + js.text)


def test_upload_redirects_to_the_view(client: TestClient, stored: str) -> None:
    # The same file again is the stored analysis, not a new one.
    again = upload(client, "copy.docx", (SAMPLES / DOCX).read_bytes())
    assert again.status_code == 303
    assert again.headers["location"] == f"/phan-tich/{stored}"


@pytest.fixture(scope="module")
def analysis(client: TestClient, stored: str) -> Analysis:
    """The stored analysis of the sample, as the API returns it."""
    body = client.get(f"/api/v1/analyses/{stored}").json()
    return Analysis.model_validate(body["analysis"])


def test_view_shows_facts_chart_and_indicators(view: str, analysis: Analysis) -> None:
    m = analysis.metrics
    assert analysis.meeting.title and analysis.meeting.title in view
    assert KIND_LABELS[analysis.meeting.kind] in view  # the kind, in Vietnamese
    assert "Lê Văn Quang" in view and "14:00 – 16:30 (150 phút)" in view
    # The chart: an accessible SVG with bars, silent members drawn too, and a data table.
    chart = re.search(r'<svg class="chart".*?</svg>', view, re.S)
    assert chart is not None
    assert 'role="img"' in chart[0] and "<title>" in chart[0] and "<desc" in chart[0]
    assert 'class="bar"' in chart[0]
    assert m.silent_members and 'class="silent"' in chart[0]
    assert "Số liệu của biểu đồ" in view
    assert all(member.name in view for member in m.members)
    # Balance: the band with its meaning, and the other indicators.
    assert m.speaking_band is not None
    band = m.speaking_band.replace(">", "&gt;").replace("<", "&lt;")
    assert re.search(rf'<li class="on" aria-current="true">.*?{band}</li>', view)
    assert web.BAND_MEANINGS[m.speaking_band] in view
    for label in ("Hệ số Gini", "Tỷ lệ lời của chủ trì", "Lượt phát biểu dài nhất"):
        assert label in view
    assert f"Có mặt nhưng chưa phát biểu ({len(m.silent_members)})" in view
    # Completeness and score, with the note that the weights are bienban's own.
    c = analysis.completeness
    assert f"Độ đầy đủ của biên bản: {c.found}/{c.total}" in view
    assert f"Xếp loại tạm tính: <strong>{analysis.score.rating}</strong>" in view
    assert "cách chấm riêng của bienban" in view


def test_view_links_items_to_their_marked_sentence(view: str, analysis: Analysis) -> None:
    links = re.findall(r'<a class="goto" href="#item-([\w-]+)">', view)
    marks = re.findall(r'<mark class="hl (\w+)" id="item-([\w-]+)"', view)
    assert sorted(item_id for _, item_id in marks) == sorted(i.id for i in analysis.items)
    assert links and set(links) <= {item_id for _, item_id in marks}
    assert {"proposal", "action_item"} <= {kind for kind, _ in marks}
    # Every id appears once, and the text marks are well-formed.
    ids = re.findall(r'\bid="([^"]+)"', view)
    assert len(ids) == len(set(ids))
    source = re.search(r'<div class="source">(.*?)</div>', view, re.S)
    assert source is not None
    assert "".join(assert_nesting(source[1]).text) == analysis.text
    tasks = [i for i in analysis.items if i.kind == "action_item"]
    assert f"Phân công nhiệm vụ ({len(tasks)})" in view


def test_view_lists_open_proposals_and_downloads(
    view: str, analysis: Analysis, stored: str
) -> None:
    section = re.search(r'<section id="chua-tra-loi".*?</section>', view, re.S)
    assert section is not None
    still_open = [i for i in analysis.items if i.kind == "proposal" and i.status == "open"]
    assert f"Đề xuất chưa được trả lời ({len(still_open)})" in section[0]
    for ext in ("md", "html", "docx"):
        assert f'href="/phan-tich/{stored}/tai-ve/{ext}" download' in view
    assert f'action="/phan-tich/{stored}/xoa"' in view and "data-confirm=" in view


# A hand-made analysis: every kind of item, overlapping spans, a URL and markup in the text.
CRAFTED_TEXT = (
    "BIÊN BẢN HỌP TỔ 2\n"
    "Đ/c An: đề nghị sửa mái nhà văn hóa trước mùa mưa. Xem https://example.vn/ke-hoach.\n"
    "Đ/c Bình: đề nghị mua thêm <script>alert(1)</script> máy chiếu & loa.\n"
    "Kết luận: thống nhất sửa mái nhà văn hóa; giao đồng chí An lập dự toán trước 30/11/2025.\n"
)


def _span(needle: str) -> tuple[int, int]:
    start = CRAFTED_TEXT.index(needle)
    return start, start + len(needle)


def crafted_analysis() -> Analysis:
    def item(item_id: str, kind: str, needle: str, **fields: Any) -> Item:
        start, end = _span(needle)
        return Item(
            id=item_id, kind=kind, text=needle, start=start, end=end, confidence=0.9, **fields
        )

    members = [
        Member(id="an", name="Nguyễn Văn An", present=True, spoke=True),
        Member(id="binh", name="Trần Thị Bình", present=True, spoke=True),
        Member(id="cuong", name="Lê Văn Cường", present=True, spoke=False),
    ]
    return Analysis(
        source=Source(name="to-2.txt", format="txt", sha256="0" * 64),
        text=CRAFTED_TEXT,
        meeting=Meeting(title="BIÊN BẢN HỌP TỔ 2", kind="team"),
        members=members,
        items=[
            item(
                "p1",
                "proposal",
                "đề nghị sửa mái nhà văn hóa trước mùa mưa",
                speaker_id="an",
                status="adopted",
                answered_by="d1",
            ),
            item(
                "p2",
                "proposal",
                "đề nghị mua thêm <script>alert(1)</script> máy chiếu & loa",
                speaker_id="binh",
                status="open",
            ),
            item("q1", "concern", "mái nhà văn hóa trước mùa mưa. Xem https://example.vn"),
            item("d1", "decision", "thống nhất sửa mái nhà văn hóa"),
            item("c1", "conclusion", "Kết luận: thống nhất sửa mái nhà văn hóa; giao đồng chí An"),
            item(
                "t1",
                "action_item",
                "giao đồng chí An lập dự toán trước 30/11/2025",
                assignee="an",
                task="lập dự toán",
                deadline=dt.date(2025, 11, 30),
                deadline_text="trước 30/11/2025",
            ),
        ],
        metrics=Metrics(
            members_present=3,
            members_spoke=2,
            share_spoke=2 / 3,
            speaking_band=">50%",
            silent_members=[PersonRef(name="Lê Văn Cường", member_id="cuong")],
            members=[
                MemberMetrics(id="an", name="Nguyễn Văn An", turns=1, words=20, share_of_words=0.6),
                MemberMetrics(
                    id="binh", name="Trần Thị Bình", turns=1, words=13, share_of_words=0.4
                ),
                MemberMetrics(id="cuong", name="Lê Văn Cường"),
            ],
        ),
    )


@pytest.fixture(scope="module")
def crafted(client: TestClient) -> str:
    store = client.app.state.store  # type: ignore[attr-defined]
    stored, _ = store.add(
        store.local_principal(), Upload(b"crafted", "to-2.txt"), crafted_analysis(), "test"
    )
    return str(stored.id)


def test_crafted_view(client: TestClient, crafted: str) -> None:
    view = assert_page(client.get(f"/phan-tich/{crafted}"), 200)
    # Markup and addresses in the minutes are text, never tags or links.
    assert "<script>alert" not in view and "&lt;script&gt;alert(1)&lt;/script&gt;" in view
    assert "example.vn" in view  # shown, but as text that reads as no URL in the source
    # Statuses, the answer link, open proposals, the task row, other kinds folded away.
    assert '<span class="status adopted">được tiếp thu</span>' in view
    assert 'href="#item-d1">xem ý kiến trả lời</a>' in view
    section = re.search(r'<section id="chua-tra-loi".*?</section>', view, re.S)
    assert section is not None and "Đề xuất chưa được trả lời (1)" in section[0]
    assert '<a class="goto" href="#item-p2">' in section[0] and "Trần Thị Bình" in section[0]
    assert "Nguyễn Văn An" in view and "lập dự toán" in view and "30/11/2025" in view
    assert re.search(r"<summary>Các ý kiến khác \(hạn chế, khó khăn 1\)</summary>", view)
    # Overlapping items (the concern crosses the first proposal) stay well-formed.
    source = re.search(r'<div class="source">(.*?)</div>', view, re.S)
    assert source is not None
    parser = assert_nesting(source[1])
    assert "".join(parser.text) == CRAFTED_TEXT
    assert sorted(parser.ids) == sorted(f"item-{i}" for i in ("p1", "p2", "q1", "d1", "c1", "t1"))
    assert 'data-item="q1"' in source[1]  # the crossing concern goes on after the proposal
    # The chart draws the silent member as an empty bar.
    chart = re.search(r'<svg class="chart".*?</svg>', view, re.S)
    assert chart is not None and chart[0].count('class="silent"') == 1
    assert "Lê Văn Cường: chưa phát biểu" in chart[0]


@pytest.mark.parametrize(
    ("ext", "media_type", "marker"),
    [
        ("md", "text/markdown", b"# "),
        ("html", "text/html", b"<!DOCTYPE html>"),
        ("docx", "application/vnd.openxmlformats", b"PK"),
    ],
)
def test_downloads(
    client: TestClient, stored: str, ext: str, media_type: str, marker: bytes
) -> None:
    response = client.get(f"/phan-tich/{stored}/tai-ve/{ext}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["content-disposition"] == (
        f'attachment; filename="chi-bo-chuyen-de-quy-3-bao-cao.{ext}"; '
        f"filename*=UTF-8''chi-bo-chuyen-de-quy-3-bao-cao.{ext}"
    )
    assert response.content.startswith(marker) or marker in response.content[:2000]
    if ext == "docx":
        document = docx.Document(io.BytesIO(response.content))
        assert any("CHUYÊN ĐỀ" in p.text.upper() for p in document.paragraphs)


def test_unknown_download_format_is_a_404_page(client: TestClient, stored: str) -> None:
    assert_page(client.get(f"/phan-tich/{stored}/tai-ve/pdf"), 404)


def test_history_lists_and_filters(client: TestClient, stored: str, analysis: Analysis) -> None:
    link = f'href="/phan-tich/{stored}"'
    kind, date = analysis.meeting.kind, analysis.meeting.date
    assert kind != "youth_union" and date is not None
    home = assert_page(client.get("/"), 200)
    assert link in home and DOCX in home and KIND_LABELS[kind] in home
    assert link in client.get("/", params={"loai": kind}).text
    other = assert_page(client.get("/", params={"loai": "youth_union"}), 200)
    assert link not in other and "Không có bản phân tích nào khớp bộ lọc." in other
    day = date.isoformat()
    assert link in client.get("/", params={"tu": day, "den": day}).text
    later = (date + dt.timedelta(days=1)).isoformat()
    assert link not in client.get("/", params={"tu": later}).text


@pytest.mark.parametrize(
    ("params", "message", "listed"),
    [
        ({"loai": "tea_party"}, "Loại cuộc họp không hợp lệ.", True),
        ({"tu": "31/12/2025"}, "Từ ngày không hợp lệ", True),
        ({"trang": "mười"}, None, True),
        ({"trang": "0"}, None, True),
        ({"trang": "²"}, None, True),
        ({"trang": "9" * 5000}, "Trang này không có bản phân tích nào.", False),
    ],
)
def test_history_ignores_bad_filters(
    client: TestClient, stored: str, params: dict[str, str], message: str | None, listed: bool
) -> None:
    text = assert_page(client.get("/", params=params), 200)
    # A bad filter is reported and dropped; a bad page number is the first (or last) page.
    assert (f'href="/phan-tich/{stored}"' in text) is listed
    if message:
        assert message in text


def test_history_pages(client: TestClient, stored: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert upload(client, "chi-doan.txt", MINUTES.encode()).status_code == 303
    monkeypatch.setattr(web, "PAGE_SIZE", 1)
    first = assert_page(client.get("/"), 200)
    assert 'href="/?trang=2" rel="next"' in first and 'rel="prev"' not in first
    second = assert_page(client.get("/", params={"trang": "2"}), 200)
    assert 'href="/" rel="prev"' in second and 'aria-current="page">Trang 2/' in second
    filtered = client.get("/", params={"loai": "team", "trang": "1"}).text
    assert 'rel="next"' not in filtered  # at most one analysis of that kind
    beyond = assert_page(client.get("/", params={"trang": "99"}), 200)
    assert "Trang này không có bản phân tích nào." in beyond


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("empty.txt", b"", 422, "rỗng"),
        ("broken.docx", b"PK\x03\x04 not really a zip", 422, "bị hỏng"),
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, 415, "định dạng"),
    ],
)
def test_bad_upload_shows_the_reason(
    client: TestClient, name: str, data: bytes, status: int, message: str
) -> None:
    text = assert_page(upload(client, name, data), status)
    alert = re.search(r'<div class="alert" role="alert" id="loi-tai-len">(.*?)</div>', text, re.S)
    assert alert is not None and message in alert[1].lower()
    assert 'action="/tai-len"' in text  # the form is there to try again


def test_too_large_upload_is_a_413_page(settings: Settings) -> None:
    small = settings.model_copy(update={"max_upload_bytes": 1000})
    with TestClient(create_app(small)) as client:
        text = assert_page(upload(client, "big.txt", b"a" * 5000), 413)
        assert "quá lớn" in text


@pytest.mark.parametrize(
    "path", ["/phan-tich/nope", "/phan-tich/" + "0" * 36, "/phan-tich/%00/tai-ve/docx"]
)
def test_unknown_analysis_is_a_404_page(client: TestClient, path: str) -> None:
    text = assert_page(client.get(path), 404)
    assert "Không tìm thấy" in text


def test_delete(client: TestClient) -> None:
    location = upload(client, "xoa.txt", (MINUTES + "Bế mạc.\n").encode()).headers["location"]
    response = client.post(location + "/xoa", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/?da-xoa=1")
    assert "Đã xóa bản phân tích" in client.get("/?da-xoa=1").text
    assert_page(client.get(location), 404)
    assert_page(client.post(location + "/xoa"), 404)


# --- marking the source text --------------------------------------------------------------------


class _Nesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.ids += [value or "" for name, value in attrs if name == "id"]

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_nesting(fragment: str) -> _Nesting:
    parser = _Nesting()
    parser.feed(fragment)
    parser.close()
    assert parser.stack == [], parser.stack
    return parser


def _analysis(text: str, spans: list[tuple[int, int]]) -> Analysis:
    items = [
        Item(id=f"i{n}", kind="proposal", text=text[s:e], start=s, end=e, confidence=1.0)
        for n, (s, e) in enumerate(spans, 1)
    ]
    return Analysis(
        source=Source(name="t.txt", format="txt", sha256="0" * 64),
        text=text,
        meeting=Meeting(),
        items=items,
    )


@pytest.mark.parametrize(
    "spans",
    [
        [],
        [(0, 5)],
        [(0, 26)],
        [(2, 8), (10, 14)],  # apart
        [(2, 8), (8, 14)],  # touching
        [(2, 20), (5, 9)],  # nested
        [(2, 9), (2, 20), (2, 9)],  # same start, a duplicate span
        [(2, 12), (6, 18)],  # crossing
        [(0, 10), (4, 16), (8, 22), (12, 26)],  # a chain of crossings
        [(5, 3), (-1, 4), (20, 99)],  # bad offsets: not marked
    ],
)
def test_highlight_is_well_formed_whatever_the_overlap(spans: list[tuple[int, int]]) -> None:
    text = "a<b> & c // d 'e' \"f\" ghij"
    analysis = _analysis(text, spans)
    parser = assert_nesting(str(web.highlight(analysis)))
    assert "".join(parser.text) == text  # nothing lost, escaped only
    valid = [i for i in analysis.items if 0 <= i.start < i.end <= len(text)]
    assert sorted(parser.ids) == sorted(f"item-{i.id}" for i in valid)


def test_highlight_marks_each_span_and_continues_crossing_ones() -> None:
    text = "0123456789ABCDEFGHIJ"
    html = str(web.highlight(_analysis(text, [(2, 12), (6, 18)])))
    assert html == (
        '01<mark class="hl proposal" id="item-i1" tabindex="-1" title="Đề xuất, kiến nghị">'
        '2345<mark class="hl proposal" id="item-i2" tabindex="-1" title="Đề xuất, kiến nghị">'
        "6789AB</mark></mark>"
        '<mark class="hl proposal" data-item="i2" title="Đề xuất, kiến nghị">CDEFGH</mark>IJ'
    )


# --- keys, organisations, read-only keys, cross-site forms --------------------------------------


@pytest.fixture(scope="module")
def keyed(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A server that requires keys (as on a network address)."""
    required = settings.model_copy(
        update={"require_api_key": True, "data_dir": tmp_path_factory.mktemp("keyed")}
    )
    with TestClient(create_app(required)) as test_client:
        yield test_client


def sign_in(client: TestClient, key: str) -> Any:
    return client.post("/dang-nhap", data={"key": key}, follow_redirects=False)


@pytest.mark.parametrize(
    "path", ["/", "/phan-tich/" + "0" * 36, "/phan-tich/" + "0" * 36 + "/tai-ve/docx"]
)
def test_pages_send_a_browser_without_key_to_the_sign_in_form(keyed: TestClient, path: str) -> None:
    response = fresh(keyed).get(path, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/dang-nhap")
    posted = fresh(keyed).post("/tai-len", files={"file": ("a.txt", b"x")}, follow_redirects=False)
    assert (posted.status_code, posted.headers["location"]) == (303, "/dang-nhap")


def test_sign_in_form(keyed: TestClient) -> None:
    text = assert_page(fresh(keyed).get("/dang-nhap"), 200)
    assert '<label for="khoa">Khóa API</label>' in text and 'type="password"' in text


@pytest.mark.parametrize("key", ["", "bb_not-a-real-key", "x" * 5000])
def test_sign_in_with_a_bad_key_is_401(keyed: TestClient, key: str) -> None:
    browser = fresh(keyed)
    response = sign_in(browser, key)
    text = assert_page(response, 401)
    assert 'role="alert"' in text and "set-cookie" not in response.headers
    assert key[:20] not in text or not key  # the key is never echoed


def test_sign_in_form_is_read_within_limits(keyed: TestClient) -> None:
    browser = fresh(keyed)
    multipart = browser.post("/dang-nhap", files={"key": ("k.txt", b"bb_x")})
    assert_page(multipart, 415)
    assert_page(browser.post("/dang-nhap", data={"key": "x" * 20_000}), 413)
    assert_page(
        browser.post(
            "/dang-nhap",
            content=b"a=1&b=2&c=3&d=4&e=5&key=x",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
        422,
    )


def test_signed_in_pages_show_that_organisation_only(keyed: TestClient) -> None:
    store = keyed.app.state.store  # type: ignore[attr-defined]
    key_a, key_b = store.create_key("org-a").key, store.create_key("org-b").key
    a, b = fresh(keyed), fresh(keyed)
    response = sign_in(a, key_a)
    assert (response.status_code, response.headers["location"]) == (303, "/")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"bienban_key={key_a};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http here; see the https test below
    assert sign_in(b, key_b).status_code == 303

    location = upload(a, "chi-doan.txt", MINUTES.encode()).headers["location"]
    home_a = assert_page(a.get("/"), 200)
    assert f'href="{location}"' in home_a and "<strong>org-a</strong>" in home_a
    assert f'href="{location}"' not in b.get("/").text
    assert_page(b.get(location), 404)
    assert_page(b.get(location + "/tai-ve/docx"), 404)
    assert_page(b.post(location + "/xoa"), 404)
    assert_page(a.get(location), 200)

    signed_out = a.post("/dang-xuat", follow_redirects=False)
    assert (signed_out.status_code, signed_out.headers["location"]) == (303, "/dang-nhap")
    assert 'bienban_key=""' in signed_out.headers["set-cookie"]
    assert a.get("/", follow_redirects=False).headers["location"] == "/dang-nhap"


def test_cookie_is_secure_over_https(keyed: TestClient) -> None:
    key = keyed.app.state.store.create_key("org-a").key  # type: ignore[attr-defined]
    browser = fresh(keyed, base_url="https://testserver")
    assert "Secure" in sign_in(browser, key).headers["set-cookie"]


def test_revoked_key_in_the_cookie(keyed: TestClient) -> None:
    store = keyed.app.state.store  # type: ignore[attr-defined]
    new = store.create_key("org-a")
    browser = fresh(keyed)
    assert sign_in(browser, new.key).status_code == 303
    store.revoke_key(new.record.id)
    assert browser.get("/", follow_redirects=False).headers["location"] == "/dang-nhap"
    assert "không còn hợp lệ" in assert_page(browser.get("/dang-nhap"), 200)


def test_read_only_key_sees_pages_but_cannot_change_anything(keyed: TestClient) -> None:
    store = keyed.app.state.store  # type: ignore[attr-defined]
    writer, reader = fresh(keyed), fresh(keyed)
    assert sign_in(writer, store.create_key("org-r").key).status_code == 303
    assert sign_in(reader, store.create_key("org-r", can_write=False).key).status_code == 303
    location = upload(writer, "chi-doan.txt", MINUTES.encode()).headers["location"]

    home = assert_page(reader.get("/"), 200)
    assert 'action="/tai-len"' not in home and "chỉ được xem" in home
    assert f'href="{location}"' in home
    view = assert_page(reader.get(location), 200)
    assert "/xoa" not in view and "tai-ve/docx" in view
    assert reader.get(location + "/tai-ve/docx").status_code == 200
    assert "chỉ được xem" in assert_page(upload(reader, "b.txt", b"Bien ban"), 403)
    assert_page(reader.post(location + "/xoa"), 403)
    assert_page(writer.get(location), 200)  # still there


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver:8080"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_forms_posted_from_another_site_are_refused(
    client: TestClient, stored: str, headers: dict[str, str]
) -> None:
    assert_page(upload(client, "a.txt", MINUTES.encode(), **headers), 403)
    assert_page(client.post(f"/phan-tich/{stored}/xoa", headers=headers), 403)
    assert_page(client.post("/dang-nhap", data={"key": "x"}, headers=headers), 403)
    assert_page(client.post("/dang-xuat", headers=headers), 403)
    assert client.get(f"/phan-tich/{stored}").status_code == 200  # not deleted


def test_forms_posted_from_this_site_are_accepted(client: TestClient) -> None:
    same = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert upload(client, "chi-doan.txt", MINUTES.encode(), **same).status_code == 303


def test_local_server_needs_no_sign_in(client: TestClient) -> None:
    text = assert_page(fresh(client).get("/"), 200)
    assert "<strong>Máy này</strong>" in text and 'href="/dang-nhap"' in text


def test_a_bug_is_a_generic_500_page(client: TestClient, overrides: dict[Any, Any]) -> None:
    def broken() -> None:
        raise RuntimeError("secret detail from the minutes")

    overrides[get_store] = broken
    text = assert_page(client.get("/"), 500)
    assert INTERNAL_MESSAGE in text and "secret" not in text and "RuntimeError" not in text


def test_upload_while_the_analyzer_loads_is_a_503_page(settings: Settings) -> None:
    # No lifespan: the database (the module's, already migrated) answers, the analyzer is not
    # loaded yet.
    loading = TestClient(create_app(settings.model_copy(update={"migrate_on_start": False})))
    text = assert_page(upload(loading, "chi-doan.txt", MINUTES.encode()), 503)
    assert "chưa sẵn sàng" in text
