"""The web page in headless Chromium: upload a sample with the keyboard, see the participation
chart and an extracted item, jump to its highlighted sentence, download the Word report; and
on a phone-sized screen, nothing scrolls sideways."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import pytest

pytestmark = pytest.mark.browser

ANALYSIS_URL = re.compile(r"/phan-tich/[0-9a-f-]{36}$")
ANALYSIS_TIMEOUT_MS = 90_000


@dataclass
class Watch:
    """What the page did that it should not: requests leaving the server, console errors
    (a Content-Security-Policy violation is one)."""

    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def open_page(browser: Any, base: str, watch: Watch, **options: Any) -> Any:
    context = browser.new_context(locale="vi-VN", accept_downloads=True, **options)

    def guard(route: Any) -> None:
        if route.request.url.startswith(base + "/"):
            route.continue_()
        else:
            watch.external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    return page


@pytest.fixture
def watch() -> Iterator[Watch]:
    seen = Watch()
    yield seen
    assert seen.external == [], seen.external
    assert seen.errors == [], seen.errors


def upload_with_keyboard(page: Any, sample: Path) -> None:
    """Choose the file through its label, then Tab to the button and press Enter."""
    from playwright.sync_api import expect

    file_input = page.get_by_label("Tệp biên bản hoặc bản ghi cuộc họp")
    file_input.focus()
    file_input.set_input_files(sample)
    expect(page.locator("#tep-da-chon")).to_contain_text(sample.name)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Danh sách thành viên (mỗi dòng một người)")).to_be_focused()
    page.keyboard.press("Tab")
    submit = page.get_by_role("button", name="Phân tích")
    expect(submit).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(ANALYSIS_URL, timeout=ANALYSIS_TIMEOUT_MS)


def no_sideways_scroll(page: Any) -> None:
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] + 1, widths


def test_upload_see_chart_and_item_download_docx(
    browser: Any, server: str, samples_dir: Path, tmp_path: Path, watch: Watch
) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, server, watch, viewport={"width": 1200, "height": 900})
    page.goto(server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    # The first Tab reaches the skip link, which moves on to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()

    upload_with_keyboard(page, samples_dir / "chi-bo-chuyen-de-quy-3.docx")

    # The participation chart, drawn and labelled.
    chart = page.locator("svg.chart")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("rect.bar").first).to_be_visible()
    expect(page.get_by_role("heading", name="Chỉ số cân bằng")).to_be_visible()

    # An extracted item; Enter on its link focuses its highlighted sentence in the text.
    link = page.locator("#loai-proposal a.goto, #loai-action_item a.goto").first
    expect(link).to_be_visible()
    target = link.get_attribute("href")
    assert target and target.startswith("#item-")
    link.focus()
    page.keyboard.press("Enter")
    mark = page.locator(f"mark{target}")
    expect(mark).to_be_focused()
    expect(mark).to_be_in_viewport()
    expect(mark).to_have_class(re.compile(r"\bcurrent\b"))
    shown = " ".join(mark.inner_text().split())
    listed = " ".join(link.inner_text().split())
    assert shown and listed.startswith(shown[:20])

    # The Word report downloads as a file that python-docx opens.
    with page.expect_download() as info:
        page.get_by_role("link", name="Word (.docx)").press("Enter")
    download = info.value
    assert download.suggested_filename == "chi-bo-chuyen-de-quy-3-bao-cao.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = docx.Document(str(saved))
    assert any("CHUYÊN ĐỀ" in paragraph.text.upper() for paragraph in document.paragraphs)

    # The history lists it.
    page.goto(server + "/")
    expect(page.get_by_role("link", name=re.compile("CHUYÊN ĐỀ QUÝ III"))).to_be_visible()
    page.context.close()


def test_phone_screen_has_no_sideways_scroll(
    browser: Any, server: str, samples_dir: Path, watch: Watch
) -> None:
    from playwright.sync_api import expect

    page = open_page(
        browser,
        server,
        watch,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page.goto(server + "/")
    no_sideways_scroll(page)
    upload_with_keyboard(page, samples_dir / "hop-hoi-dong-su-pham.txt")
    expect(page.locator("svg.chart")).to_be_visible()
    no_sideways_scroll(page)
    view = page.url
    page.goto(server + "/")
    expect(page.locator(f'table.history a[href="{view.removeprefix(server)}"]')).to_be_visible()
    no_sideways_scroll(page)

    # Deleting asks first: dismissed, nothing happens; accepted, back to the list.
    page.goto(view)
    delete = page.get_by_role("button", name="Xóa bản phân tích")
    page.once("dialog", lambda dialog: dialog.dismiss())
    delete.press("Enter")
    expect(page).to_have_url(view)
    page.once("dialog", lambda dialog: dialog.accept())
    delete.press("Enter")
    page.wait_for_url(server + "/?da-xoa=1")
    expect(page.get_by_role("status").first).to_contain_text("Đã xóa")
    page.context.close()
