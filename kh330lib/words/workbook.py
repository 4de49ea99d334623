"""The words of the Excel template that reporting units fill in (Vietnamese only, as the units work in it).

The headers and status words are also what the intake reads back, so a change
here is a new template version (params/templates.yaml).
"""

from __future__ import annotations

import datetime as dt

from ..data.catalog import Indicator
from . import unit_name, vi

# The first sheet, the instructions (ASCII, as every sheet name: it appears in every error message).
INSTRUCTIONS_SHEET = "HuongDan"
HEADERS = {"id": "Mã chỉ tiêu", "label": "Chỉ tiêu", "breakdown": "Phân tổ", "unit": "Đơn vị",
           "note": "Ghi chú (nguồn, phương pháp)", "definition": "Định nghĩa"}
STATUS_LABEL = "Loại số liệu của năm →"
# The statuses a unit may give a year, in the words of the status row (the briefs' words for them).
STATUS_CHOICES = tuple(vi.STATUSES[s] for s in ("official", "estimate", "provisional"))
# Status row word → observation status; the English codes are accepted too.
STATUS_WORDS = {**{vi.STATUSES[s]: s for s in ("official", "estimate", "provisional")},
                **{s: s for s in ("official", "estimate", "provisional")}}
DEFAULT_STATUS, LAST_YEAR_STATUS = vi.STATUSES["official"], vi.STATUSES["estimate"]
MILESTONE_UNIT = "mốc (0 = chưa, 1 = đạt)"
STATUS_TITLE = "Loại số liệu"
STATUS_ERROR = f"Chọn: {', '.join(STATUS_CHOICES[:-1])} hoặc {STATUS_CHOICES[-1]}."
INVALID_TITLE = "Giá trị không hợp lệ"
# Who sends a workbook, as the intake's hint gives an example of --reporter.
REPORTER_EXAMPLE = "Phòng KHTC, Sở GD&ĐT"


def unit_text(ind: Indicator) -> str:
    """The unit as the Đơn vị column shows it: `%`, `% GRDP`, `người`, `mốc (0 = chưa, 1 = đạt)`."""
    if ind.unit == "milestone":
        return MILESTONE_UNIT
    if ind.unit.startswith("%"):
        rest = ind.unit[1:].strip()
        return "%" + (f" {unit_name(rest, 'vi')}" if rest else "")
    return unit_name(ind.unit, "vi")


def validation_texts(ind: Indicator, low: str, high: str | None) -> tuple[str, str]:
    """(error, prompt) of a value cell's data validation, within Excel's length limits."""
    rng = f"≥ {low}" if high is None else f"từ {low} đến {high}"
    what = "số nguyên" if ind.integer else "số"
    pct = " Tỷ lệ ghi theo phần trăm: 35 nghĩa là 35 %." if ind.is_share else ""
    return (f"Chỉ nhập {what} {rng} ({unit_text(ind)}).{pct}"[:225],
            f"Nhập {what} {rng}.{pct} Để trống nếu chưa có số liệu."[:255])


def subtitle(unit_label: str, geo_label: str, geo: str, version: str) -> str:
    return f"{unit_label} — {geo_label} ({geo}) — mẫu {version}"


def document_title(unit_label: str, geo_label: str) -> str:
    return f"Kế hoạch 330/KH-UBND — báo cáo định kỳ — {unit_label} — {geo_label}"


def vintage_title(unit_label: str, geo_label: str, version: str, file_name: str, reporter: str,
                  received: dt.date) -> str:
    """The title of a taken-in workbook as a source of the data (data/sources.csv, the data-audit brief)."""
    return (f"Báo cáo định kỳ Kế hoạch 330/KH-UBND: {unit_label}, {geo_label} (mẫu {version}, "
            f"tệp {file_name}, người gửi: {reporter}, nhận ngày {received:%d/%m/%Y})")


def instruction_lines(unit_label: str, geo_label: str, geo: str, version: str, today: dt.date, first_sheet: str,
                      last_year: int) -> list[tuple[str, bool]]:
    """The instructions sheet, line by line: (text, bold)."""
    choices = f"{', '.join(STATUS_CHOICES[:-1])} hoặc {STATUS_CHOICES[-1]}"
    return [
        ("BIỂU MẪU BÁO CÁO ĐỊNH KỲ THỰC HIỆN KẾ HOẠCH 330/KH-UBND", True),
        ("Đào tạo nguồn nhân lực phục vụ phát triển công nghệ cao giai đoạn 2025–2035, định hướng đến năm 2045", False),
        ("", False),
        (f"Đơn vị báo cáo: {unit_label}", True),
        (f"Địa bàn: {geo_label} (mã {geo})", False),
        (f"Phiên bản mẫu: {version} — tạo ngày {today:%d/%m/%Y}", False),
        ("Căn cứ: Kế hoạch 330/KH-UBND, mục V (các đơn vị định kỳ báo cáo về Sở Giáo dục và Đào tạo "
         "để tổng hợp, báo cáo Ủy ban nhân dân thành phố).", False),
        ("", False),
        ("CÁCH ĐIỀN", True),
        ("1. Chỉ nhập vào các ô màu vàng. Mỗi trang tính là một nhóm chỉ tiêu; mỗi dòng là một chỉ tiêu "
         "(và một trình độ, nếu có); mỗi cột là một năm.", False),
        ("2. Chỉ nhập số. Ô để trống nghĩa là chưa có số liệu: không ghi 0 thay cho 'chưa có'.", False),
        ("3. Tỷ lệ ghi theo phần trăm: 35 nghĩa là 35 %. Không ghi 0,35 cho 35 %. Nếu gõ kèm dấu % "
         "(ví dụ 35%), Excel tự hiểu đúng.", False),
        ("4. Dấu thập phân theo cài đặt Excel của máy (thường là dấu phẩy: 35,5). Nếu ô được định dạng văn bản, "
         "dùng dấu chấm (35.5) và không dùng dấu phân cách hàng nghìn.", False),
        ("5. Số lượng (người, lượt, chương trình) là số nguyên, chỉ ghi số phát sinh trong năm, không cộng dồn.",
         False),
        (f"6. Dòng '{STATUS_TITLE}' (dòng 4): chọn {choices} cho từng năm. Năm {last_year} mặc định là "
         f"{LAST_YEAR_STATUS}.", False),
        ("7. Cột 'Ghi chú': ghi nguồn, phương pháp tính, mẫu số đã dùng hoặc điều người đọc cần biết.", False),
        ("8. Không đổi tên, xóa hay thêm trang tính; không chèn cột; không gộp ô (merge) trong vùng số liệu; "
         "không sửa các ô tiêu đề.", False),
        ("9. Có thể thêm dòng trống để dễ đọc: dòng trống được bỏ qua.", False),
        ("10. Gửi lại chính tệp này (định dạng .xlsx) về Sở Giáo dục và Đào tạo. Mỗi lần gửi được lưu thành "
         "một phiên bản số liệu; số liệu sửa đổi được ghi nhận là điều chỉnh, số cũ vẫn được lưu.", False),
        ("", False),
        (f"Khi tiếp nhận, mọi ô được kiểm tra; lỗi được báo theo trang và ô (ví dụ {first_sheet}!F7) kèm cách sửa.",
         False),
        ("", False),
        ("CÁC TRANG TÍNH", True),
    ]
