"""Tiếng Việt: the names of verdicts, statuses, bands, models and units, the reasons and the page's words.

Each has exactly one wording here (sentences are in vi_text.py and vi_console.py); `kh330lib.words`
looks them up, and the briefs and `kh330` print them.
"""

from __future__ import annotations

from ..codes import Band, Case, UnsdStatus, Verdict, Why
from .vi_console import TEXT as CONSOLE_TEXT
from .vi_text import TEXT as BRIEF_TEXT

# Every other phrase and sentence, by key: the briefs' and the command line's (no key is in both).
TEXT = {**BRIEF_TEXT, **CONSOLE_TEXT}

# The one word of each verdict, used by the briefs and the command line alike.
VERDICTS = {
    Verdict.TARGET_ACHIEVED: "Đã đạt chỉ tiêu",
    Verdict.ACHIEVED: "Đã đạt",
    Verdict.ON_TRACK: "Đúng tiến độ",
    Verdict.AT_RISK: "Có nguy cơ không đạt",
    Verdict.OFF_TRACK: "Khó đạt",
    Verdict.NEEDS_ACCELERATION: "Cần tăng tốc",
    Verdict.LIMITED_PROGRESS: "Tiến triển chậm",
    Verdict.DETERIORATION: "Đi ngược chỉ tiêu",
    Verdict.OVERDUE: "Quá hạn",
    Verdict.NOT_YET: "Chưa hoàn thành",
    Verdict.INSUFFICIENT_DATA: "Chưa đủ số liệu để đánh giá",
    Verdict.NO_DATA: "Chưa có số liệu",
    Verdict.QUALITATIVE: "Định tính",
}

# The UNSD expected-value cross-check.
UNSD = {
    UnsdStatus.TARGET_ACHIEVED: VERDICTS[Verdict.TARGET_ACHIEVED],
    UnsdStatus.ON_TRACK: VERDICTS[Verdict.ON_TRACK],
    UnsdStatus.FAIR_PROGRESS: "Tiến triển khá, cần tăng tốc",
    UnsdStatus.STAGNATION_OR_REGRESSION: "Đứng yên hoặc đi lùi",
    UnsdStatus.INSUFFICIENT_DATA: "Chưa đủ số liệu",
}

# Strength of evidence.
EVIDENCE = {
    "strong": "mạnh",
    "moderate": "trung bình",
    "weak": "yếu",
    "none": "không có",
}

# Data status of an observation.
STATUSES = {
    "official": "chính thức",
    "estimate": "ước tính",
    "provisional": "sơ bộ",
    "proxy": "số liệu thay thế",
    "assumption": "giả định",
}

# Kinds of target.
KINDS = {
    "level": "mức",
    "cumulative": "cộng dồn",
    "milestone": "mốc",
    "qualitative": "định tính",
}

# Training levels.
BREAKDOWNS = {
    "": "",
    "university": "đại học",
    "college": "cao đẳng",
    "intermediate": "trung cấp",
}

# Projection models.
MODELS = {
    "linear": "xu hướng đường thẳng",
    "logit_linear": "đường xu hướng có giới hạn (giá trị luôn nằm trong khoảng 0–100 %)",
    "log_linear": "tăng trưởng theo tỷ lệ không đổi mỗi năm",
    "drift": "giữ mức thay đổi bình quân hằng năm đã qua",
    "peer": "xu hướng học từ các chuỗi tương tự",
    "naive": "giữ nguyên giá trị gần nhất",
    "damped": "xu hướng chậm dần (mức thay đổi mỗi năm bằng {phi} mức của năm trước)",
    "ensemble": "kết hợp các mô hình",
}

# How likely, in the IPCC's calibrated words.
BANDS = {
    Band.VERY_LIKELY: "rất có khả năng",
    Band.LIKELY: "có khả năng",
    Band.ABOUT_EVEN: "khả năng ngang nhau",
    Band.UNLIKELY: "ít khả năng",
    Band.VERY_UNLIKELY: "rất ít khả năng",
}

# Sensitivity cases: what would change the answer.
CASES = {
    Case.LEAVE_OUT: "bỏ số liệu năm {year}",
    Case.REVISED_DOWN: "số liệu năm {year} thấp hơn {shift}",
    Case.REVISED_UP: "số liệu năm {year} cao hơn {shift}",
    Case.BEFORE_BREAK_KEPT: "dùng cả số liệu trước điểm gãy năm {year}",
}

# Units of the indicator catalogue (the catalogue writes them in English).
UNITS = {
    "persons": "người",
    "programmes": "chương trình",
    "trips": "lượt",
    "milestone": "mốc",
    "billion VND": "tỷ đồng",
    "million VND/worker": "triệu đồng/lao động",
    "schools": "trường",
    "pupils": "học sinh",
    "students": "sinh viên",
    "candidates": "thí sinh",
    "million persons": "triệu người",
    "of GRDP": "GRDP",
    "of GDP": "GDP",
    "of R&D spending": "chi R&D",
    "of local budget": "chi ngân sách địa phương",
    "of labour force": "lực lượng lao động",
    "of GERD": "tổng chi R&D",
    "of university students": "sinh viên đại học",
    "million current PPP$": "triệu đô la Mỹ theo sức mua tương đương (giá hiện hành)",
    "students per 10,000 pop": "sinh viên/10.000 dân",
    "USD": "USD",
}

# What a share is a share of, as a sentence or a goal says it after the number ("trên 60 % tổng chi cho R&D"); the
# short unit above stays for tables, axes and the departments' workbooks (reading them compares it as printed).
SHARES_OF = {
    "of R&D spending": "tổng chi cho R&D",
    "of local budget": "tổng chi ngân sách địa phương",
    "of GERD": "tổng chi cho R&D",
}

# Page header, footer and index of the published briefs.
PAGE = {
    "kicker": "Kế hoạch 330/KH-UBND · thành phố Huế",
    "scenario": "Kịch bản",
    "data": "Số liệu",
    "run_date": "Ngày lập",
    "data_to": "đến năm {year}",
    "latest_source": "nguồn mới nhất {date}",
    "latest_report": "báo cáo mới nhất nhận {date}",
    "no_data": "chưa có số liệu",
    "all_briefs": "Tất cả bản tóm tắt",
    "provenance": "Nguồn gốc bản tóm tắt",
    "run_provenance": "Nguồn gốc lần chạy",
    "run": "Lần chạy",
    "notebook": "Sổ tay phân tích",
    "parameters": "Tham số",
    "scenario_file": "Tệp kịch bản",
    "data_files": "Tệp số liệu",
    "code": "Phiên bản mã nguồn",
    "uncommitted": "có thay đổi chưa lưu vào kho mã nguồn",
    "no_git": "không xác định (không có git)",
    "software": "Phần mềm",
    "manifest": "Hồ sơ đầy đủ của lần chạy (manifest.json)",
    "run_log": "Nhật ký lần chạy (run.log)",
    "language": "Tiếng Việt",
    "index_title": "Kế hoạch 330/KH-UBND — các bản tóm tắt",
    "brief": "Bản tóm tắt",
    "scenarios": "Kịch bản",
    "failed": "lỗi",
    "run_failed": "Lần chạy này có bản tóm tắt bị lỗi nên không được công bố; xem run.log.",
    "run_explore": "Bản chạy thử để khám phá kịch bản, không phải các bản tóm tắt công bố cho lãnh đạo.",
    # Incremental runs: briefs whose inputs did not change are kept from the run that made them.
    "kept_one": "{n} bản tóm tắt có đầu vào không thay đổi nên được giữ nguyên từ lần chạy {when}.",
    "kept_many": "{n} bản tóm tắt có đầu vào không thay đổi nên được giữ nguyên từ lần chạy {when}.",
    "kept_many_runs": "{n} bản tóm tắt có đầu vào không thay đổi nên được giữ nguyên từ các lần chạy {when}.",
    "page": "Trang",
    "grid_title": "Các chỉ tiêu trong nháy mắt",
    "grid_good": "đã đạt hoặc đúng tiến độ",
    "grid_warn": "cần tăng tốc hoặc chưa hoàn thành",
    "grid_bad": "tiến triển chậm, đi ngược hoặc quá hạn",
    "grid_none": "chưa có hoặc chưa đủ số liệu",
    "grid_qualitative": "định tính",
    "grid_total": "tổng {n} chỉ tiêu",
    "grid_other": "Chỉ tiêu khác",
    "grid_goal": "Chỉ tiêu",
    "grid_latest": "Mới nhất",
    "grid_levels": "xem {n} cấp đào tạo",
    "grid_is_qualitative": "mục tiêu định tính, không có số đo",
    "grid_spark": "Số liệu của Huế {first}–{last} ({n} điểm)",
    "grid_legend": "Mỗi ô là một chỉ tiêu; hình và chữ cho biết đánh giá (không chỉ dựa vào màu).",
    "grid_legend_screen": "Bấm vào ô để xem chi tiết.",
    "technical": "Thông tin kỹ thuật",
    "time_zone": "giờ Việt Nam",
}

# Why a figure is missing or what to know about it (kh330lib.codes.Why); numbers arrive already formatted.
REASONS = {
    Why.NO_DATA: "chưa có số liệu của Huế",
    Why.NO_DATA_GEO: "chưa có số liệu cho {geo}",
    Why.NO_OBSERVATIONS: "chưa có quan sát nào",
    Why.QUALITATIVE: "mục tiêu định tính, không có chỉ số đo",
    Why.ASSUMED_VALUES: "có giá trị giả định của kịch bản «{scenario}» (không phải số liệu đo được)",
    Why.BREAK_USED: "chuỗi số liệu được dùng từ năm {year} (điểm gãy {period}: {note})",
    Why.BREAK_KEPT: "điểm gãy {period} ({note}) vẫn nằm trong chuỗi: sau điểm gãy còn chưa đến 2 điểm",
    Why.FEW_POINTS: "chỉ có {n} điểm, cần ít nhất {need} điểm",
    Why.FEWER_THAN_TWO: "chưa đến 2 điểm số liệu",
    Why.BASE_NOT_BEFORE_LATEST: "năm gốc {base} không trước năm có số liệu mới nhất ({latest})",
    Why.BASE_MOVED_LATER: "năm {wanted} không có số liệu: năm gốc là {base}, năm đầu tiên sau đó có số liệu",
    Why.BASE_MOVED_EARLIER: ("từ năm {wanted} đến năm {last} không có số liệu: năm gốc là {base}, năm gần nhất "
                             "trước đó để còn 2 điểm"),
    Why.GROWTH_UNDEFINED: "giá trị năm gốc bằng 0 hoặc chuỗi đổi dấu: không tính được tốc độ tăng",
    Why.SIGNS_DIFFER: "chỉ tiêu và giá trị năm gốc khác dấu, hoặc thời hạn không sau năm gốc",
    Why.TARGET_EQUALS_BASE: "chỉ tiêu bằng giá trị năm gốc",
    Why.ZERO_GROWTH_NEEDED: "chỉ tiêu bằng giá trị năm gốc: tốc độ tăng cần thiết bằng 0",
    Why.NO_OBSERVED_PACE: "chưa đến 2 điểm số liệu: chưa tính được tốc độ đã đạt",
    Why.DEADLINE_NOT_AFTER_LATEST: "thời hạn năm {deadline} không sau năm có số liệu mới nhất ({latest})",
    Why.TARGET_MET: "chỉ tiêu đã đạt",
    Why.WRONG_DIRECTION: "từ năm gốc chỉ số không thay đổi theo hướng của chỉ tiêu",
    Why.FORECAST_NOT_BEFORE: "chuỗi kết thúc năm {last}, không trước năm {to}: không có gì để dự báo",
    Why.FEW_POINTS_PROJECTION: "chỉ có {n} điểm, cần ít nhất {need} điểm để dự báo",
    Why.NO_PROJECTION: "chưa dự báo được",
    Why.NO_MODEL: "không mô hình nào phù hợp với chuỗi số liệu: {failures}",
    Why.FELL_BACK: "mô hình {model} không dùng được cho cả chuỗi ({failure}): thay bằng mô hình {fallback}",
    Why.NO_PATHS: "không có đường mô phỏng",
    Why.ON_UPPER_BOUND: "chỉ tiêu {target} bằng mức tối đa nên được coi là đạt từ {threshold}",
    Why.ON_LOWER_BOUND: "chỉ tiêu {target} bằng mức tối thiểu nên được coi là đạt khi không quá {threshold}",
    Why.FIT_TOO_SHORT: "mô hình {model} cần ít nhất {need} điểm, chuỗi có {n} điểm",
    Why.FIT_YEARS_NOT_INCREASING: "các năm phải tăng dần",
    Why.FIT_FUTURE_NOT_AFTER: "các năm dự báo phải sau năm có số liệu mới nhất",
    Why.FIT_WRONG_SCALE: "mô hình {model} không áp dụng cho chuỗi số liệu loại này",
    Why.FIT_EXACT_LINE: ("mô hình {model}: các điểm nằm đúng trên một đường thẳng nên không ước lượng được khoảng "
                         "dự báo"),
    Why.FIT_CONSTANT_CHANGE: ("mô hình {model}: mọi mức thay đổi đều bằng nhau nên không ước lượng được khoảng dự "
                              "báo"),
    Why.FIT_NO_CHANGE: "mô hình {model}: chuỗi không thay đổi nên không ước lượng được khoảng dự báo",
    Why.EVIDENCE_LEVEL: "{n} điểm, mới nhất năm {latest} (trước năm {as_of} {age} năm): {level}",
    Why.EVIDENCE_ALL_WEAK: "mọi điểm đều là {kinds}: tối đa là {level}",
    Why.EVIDENCE_LOWERED: "{weak}/{n} điểm là {kinds}: hạ từ {before} xuống {after}",
    Why.NO_ANNUAL_FIGURES: "chưa có số liệu năm nào",
    Why.NO_ANNUAL_FIGURES_SINCE: "chưa có số liệu năm nào từ năm {start}",
    Why.MISSING_YEARS: "năm {years} chưa có số liệu: được coi là chưa biết, không phải bằng 0",
    Why.ACHIEVED_LATE: "hoàn thành năm {year}, sau thời hạn năm {deadline}",
    Why.NOT_ACHIEVED_BY: "chưa hoàn thành đến năm {deadline}",
    Why.MONEY_NO_DENOMINATOR: "chỉ số mẫu số «{indicator}» không có trong danh mục chỉ số",
    Why.MONEY_NO_PROJECTION: "{indicator}: {reason}",
    Why.TOO_FEW_TO_TEST: "quá ít điểm để kiểm định ({n} giá trị giữ lại, cần ít nhất {need})",
    Why.NO_CALIBRATION: "chưa có nhóm chuỗi số liệu tương tự cho chỉ tiêu này",
}
