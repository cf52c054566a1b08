"""Normalisation: characters, legacy-font mojibake, NFC, tone placement, idempotence."""

from __future__ import annotations

import re
import time
import unicodedata

import pytest

from analyzer.legacy_fonts import convert_legacy, detect_legacy_font, families, syllable_score
from analyzer.normalize import normalize_text, retone

UNICODE_MINUTES = (
    "ĐẢNG BỘ PHƯỜNG HÒA BÌNH\n"
    "CHI BỘ KHU PHỐ 3\n"
    "Hà Nội, ngày 15 tháng 3 năm 2024\n"
    "BIÊN BẢN SINH HOẠT CHI BỘ ĐỊNH KỲ THÁNG 3\n"
    "Thời gian: bắt đầu lúc 14 giờ. Địa điểm: hội trường. Có mặt 12/14 đồng chí.\n"
    "- Đồng chí Nguyễn Văn Hùng (Bí thư) phát biểu: nhất trí với báo cáo, đề nghị các "
    "đồng chí đảng viên tích cực tham gia ý kiến.\n"
    "- Đ/c Trần Thị Lan đề xuất giao tổ 1 phối hợp kiểm tra, hoàn thành trước ngày 30/6.\n"
    "Biểu quyết: 12/12 đồng chí tán thành (100%). Cuộc họp kết thúc lúc 16 giờ 30 cùng ngày.\n"
)


def warning_codes(text: str) -> list[str]:
    return [w.code for w in normalize_text(text).warnings]


# --- step 1: characters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\u2028d\u2029e", "a\nb\nc\nd\ne"),
        ("\ufeffBiên\u200b bản\u200c họp\u200d", "Biên bản họp"),
        ("chi\u00a0bộ\u2009họp\u202fngày\u3000mai", "chi bộ họp ngày mai"),
        ("Tổ\t1:\tnhất trí", "Tổ 1: nhất trí"),
        ("nhiệm\u00advụ", "nhiệmvụ"),
        ("mục 1\x0cmục 2\x0bdòng", "mục 1\nmục 2\ndòng"),
        ("ô\x07 bảng\x00", "ô bảng"),
        ("", ""),
    ],
)
def test_character_cleanup(raw: str, expected: str) -> None:
    assert normalize_text(raw).text == expected


# --- step 2: legacy fonts --------------------------------------------------------------------

TCVN3_CASES = [
    ("§ång chÝ", "Đồng chí"),
    ("Biªn b¶n häp Chi bé", "Biên bản họp Chi bộ"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("§ång chÝ NguyÔn V¨n Hïng ph¸t biÓu ý kiÕn", "Đồng chí Nguyễn Văn Hùng phát biểu ý kiến"),
    ("ng\u00adêi d©n vµ tr\u00adêng häc", "người dân và trường học"),
    ("BI£N B¶N HäP CHI Bé", "BIÊN BẢN HỌP CHI BỘ"),
    ("§¶NG Bé PH¦êNG", "ĐẢNG BỘ PHƯỜNG"),
]
VNI_CASES = [
    ("Ñoàng chí", "Đồng chí"),
    ("Bieân baûn hoïp chi boä", "Biên bản họp chi bộ"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("ngöôøi daân vaø tröôøng hoïc", "người dân và trường học"),
    ("Chuû tòch nöôùc kyù nghò quyeát naêm nay", "Chủ tịch nước ký nghị quyết năm nay"),
    ("Ñaëc bieät baét ñaàu", "Đặc biệt bắt đầu"),
    ("BIEÂN BAÛN HOÏP CHI BOÄ", "BIÊN BẢN HỌP CHI BỘ"),
    ("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
]


@pytest.mark.parametrize(
    ("family", "mojibake", "expected"),
    [("TCVN3", m, e) for m, e in TCVN3_CASES] + [("VNI", m, e) for m, e in VNI_CASES],
)
def test_legacy_font_is_converted(family: str, mojibake: str, expected: str) -> None:
    result = normalize_text(mojibake)
    assert result.text == expected
    assert [w.code for w in result.warnings] == ["legacy_font_converted"]
    assert family in result.warnings[0].message
    assert detect_legacy_font(mojibake) == family


def test_mixed_document_converts_only_the_mojibake_lines() -> None:
    text = "BIÊN BẢN HỌP CHI BỘ\nBiªn b¶n häp Chi bé th¸ng 3\nĐồng chí Hùng phát biểu\n"
    assert normalize_text(text).text == (
        "BIÊN BẢN HỌP CHI BỘ\nBiên bản họp Chi bộ tháng 3\nĐồng chí Hùng phát biểu\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        UNICODE_MINUTES,
        unicodedata.normalize("NFD", UNICODE_MINUTES),
        "Chi bé",  # a plausible Unicode phrase: no sign of mojibake
        "· Nội dung thứ nhất\n· Nội dung thứ hai\n· Kết luận",
        "Điều 5 § 3 quy định «các nội dung» về chi bộ\n" * 3,
        "Herr Müller, café, déjà vu, año, España, naïve, Øresund\n" * 3,
        "Số liệu: 3 × 4 = 12; nhiệt độ 25 °C; kích thước 10 µm",
    ],
)
def test_correct_text_is_not_converted(text: str) -> None:
    result = normalize_text(text)
    assert "legacy_font_converted" not in {w.code for w in result.warnings}
    assert result.text == unicodedata.normalize("NFC", text)


def test_tables_cover_both_families() -> None:
    tcvn3, vni = families()
    assert (tcvn3.name, vni.name) == ("TCVN3", "VNI")
    assert len(tcvn3.table) == 74  # 7 capitals, 7 lowercase letters, 12 vowels x 5 tones
    for family in (tcvn3, vni):
        for source, target in family.table.items():
            assert unicodedata.is_normalized("NFC", target), source
            assert all(ord(c) < 256 for c in source), source


@pytest.mark.parametrize(
    ("token", "score"),
    [
        *[("bộ", 2), ("hòa", 2), ("nghiêng", 1), ("khuya", 1), ("ĐỒNG", 2), ("Hùng", 2)],
        *[("chÝ", 0), ("bieân", 0), ("ngêi", 0), ("cỏc", 0), ("xyz", 0), ("nhấtt", 0)],
    ],
)
def test_syllable_score(token: str, score: int) -> None:
    assert syllable_score(token) == score


def test_convert_legacy_reports_lines() -> None:
    conversion = convert_legacy("Biªn b¶n\nkh«ng\nBIÊN BẢN")
    assert (conversion.family, conversion.lines_converted) == ("TCVN3", 2)


# --- steps 3 and 4: NFC and tone placement ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (unicodedata.normalize("NFD", "Nguyễn Văn Hùng"), "Nguyễn Văn Hùng"),
        ("Vie\u0302\u0323t Nam", "Việt Nam"),  # cp1258-style: ê + combining dot below
        ("hoà bình", "hòa bình"),
        ("thuỷ lợi", "thủy lợi"),
        ("sức khoẻ", "sức khỏe"),
        ("Hoà thuận, HOÀ BÌNH", "Hòa thuận, HÒA BÌNH"),
        ("uỷ ban, tuỳ ý, xoá bỏ, thoả thuận", "ủy ban, tùy ý, xóa bỏ, thỏa thuận"),
        ("hoàn thành, quý, giữa, người", "hoàn thành, quý, giữa, người"),
        ("hoá đơn\nhoà giải", "hóa đơn\nhòa giải"),
    ],
)
def test_nfc_and_tone_placement(raw: str, expected: str) -> None:
    assert normalize_text(raw).text == expected


def test_tone_placement_keeps_lengths() -> None:
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    for token in [*token_map, "hoà", "Thuỷ", "KHOẺ", "nghành"]:
        assert len(retone(token)) == len(token)
    text = UNICODE_MINUTES.replace("HÒA", "HOÀ") + "hoà thuỷ khoẻ uỷ nghành\n" * 50
    result = normalize_text(text).text
    assert len(result) == len(text)
    assert [m.span() for m in re.finditer(r"\w+", result)] == [
        m.span() for m in re.finditer(r"\w+", text)
    ]


def test_tone_placement_is_fast() -> None:
    words = [*UNICODE_MINUTES.split(), "hoà", "thuỷ", "khoẻ"]
    text = "\n".join(" ".join(words[(i + j) % len(words)] for j in range(20)) for i in range(1000))
    assert len(text.split()) >= 20_000
    normalize_text(text)  # warm the caches and the underthesea import
    start = time.perf_counter()
    normalize_text(text)
    assert time.perf_counter() - start < 0.2


# --- step 5: lost ư/ơ ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("Trờng học của ngời dân đợc xây dựng", True),
        ("Trường học của người dân được xây dựng", False),
        ("ánh mắt sáng ngời", False),
    ],
)
def test_damaged_diacritics_are_kept_and_reported(text: str, warned: bool) -> None:
    result = normalize_text(text)
    assert result.text == text
    assert ("damaged_diacritics" in {w.code for w in result.warnings}) is warned


# --- idempotence -----------------------------------------------------------------------------

IDEMPOTENCE_CASES = [
    UNICODE_MINUTES,
    unicodedata.normalize("NFD", UNICODE_MINUTES),
    "hoà thuỷ khoẻ\r\n\ufeffuỷ\u00a0ban\tnhân dân",
    "Trờng ngời đợc",
    *(m for m, _ in TCVN3_CASES),
    *(m for m, _ in VNI_CASES),
    "BIÊN BẢN\nBiªn b¶n häp Chi bé\nBieân baûn hoïp chi boä\n",
    "****x**** ***y*** **a**b**c** _**z**_ __**w**__",
]


@pytest.mark.parametrize("text", IDEMPOTENCE_CASES)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    twice = normalize_text(once.text)
    assert twice.text == once.text
    assert "legacy_font_converted" not in {w.code for w in twice.warnings}
    assert unicodedata.is_normalized("NFC", once.text)


def test_page_numbers_and_running_headers_of_pdf_text_go() -> None:
    from analyzer.normalize import normalize_text

    text = (
        "Chi bộ đã thảo luận về an toàn đường\n\n"
        "Trang 1/3\n"
        "Chi bộ Ga Na Pan – Biên bản sinh hoạt chuyên đề\n\n"
        "sắt tại các đường ngang.\n\n"
        "Trang 2/3\n"
        "Chi bộ Ga Na Pan – Biên bản sinh hoạt chuyên đề\n\n"
        "Đồng chí Hùng kết luận.\n"
    )
    result = normalize_text(text)
    assert result.text == (
        "Chi bộ đã thảo luận về an toàn đường\nsắt tại các đường ngang.\n\nĐồng chí Hùng kết luận.\n"
    )
    assert [w.code for w in result.warnings] == ["page_furniture_removed"]
    assert normalize_text(result.text).text == result.text


@pytest.mark.parametrize(
    "text",
    [
        "Kết quả biểu quyết:\n12/12\nLần hai:\n11/12\n",  # counts, not pages that go up
        "Trang 1/3\nmột trang duy nhất được đánh số\n",  # one number is no run of pages
    ],
)
def test_counts_on_their_own_line_are_kept(text: str) -> None:
    from analyzer.normalize import normalize_text

    assert normalize_text(text).text == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "- **BS Vương Hải Nam**: năm ngoái đi Sầm Sơn",
            "- BS Vương Hải Nam: năm ngoái đi Sầm Sơn",
        ),
        ("- **Thời gian:** 15h30 – 16h50", "- Thời gian: 15h30 – 16h50"),
        ("__Chị Oanh__ kết luận:", "Chị Oanh kết luận:"),
        # not a bold pair: left as written
        ("Ghi chú ** xem phụ lục", "Ghi chú ** xem phụ lục"),
        ("** \n**", "** \n**"),
    ],
)
def test_markdown_bold_markers_are_dropped(raw: str, expected: str) -> None:
    assert normalize_text(raw).text == expected
    assert normalize_text(expected).text == expected
