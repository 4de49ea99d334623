"""Words shown to readers, in Vietnamese and English."""

from __future__ import annotations

STATUS_LABELS = {
    "vi": {"official": "chính thức", "estimate": "ước tính", "provisional": "sơ bộ",
           "proxy": "số liệu thay thế (proxy)", "assumption": "giả định"},
    "en": {"official": "official", "estimate": "estimate", "provisional": "provisional",
           "proxy": "proxy", "assumption": "assumption"},
}

KIND_LABELS = {
    "vi": {"level": "mức", "cumulative": "cộng dồn", "milestone": "mốc", "qualitative": "định tính"},
    "en": {"level": "level", "cumulative": "cumulative", "milestone": "milestone", "qualitative": "qualitative"},
}

BREAKDOWN_LABELS = {
    "vi": {"": "", "university": "đại học", "college": "cao đẳng", "intermediate": "trung cấp"},
    "en": {"": "", "university": "university", "college": "college", "intermediate": "intermediate"},
}

TEXT = {
    "vi": {
        "status_title": "Kế hoạch 330/KH-UBND — tình trạng số liệu theo từng mục tiêu (thành phố Huế)",
        "target": "Mục tiêu",
        "goal": "Chỉ tiêu",
        "latest": "Giá trị mới nhất",
        "points": "Số điểm",
        "by": "đến",
        "no_data": "chưa có số liệu",
        "qualitative": "định tính, không có chỉ số đo",
        "proxy_prefix": "số liệu thay thế",
        "national": "cả nước",
        "source": "nguồn",
        "summary": "{n} mục tiêu; {with_data} có số liệu của Huế, {no_data} chưa có, {qual} định tính.",
        "needs": "Cần: báo cáo định kỳ của {who}.",
    },
    "en": {
        "status_title": "Plan 330/KH-UBND — data status by target (Huế City)",
        "target": "Target",
        "goal": "Goal",
        "latest": "Latest value",
        "points": "Points",
        "by": "by",
        "no_data": "no data",
        "qualitative": "qualitative, no measurable indicator",
        "proxy_prefix": "proxy",
        "national": "Viet Nam",
        "source": "source",
        "summary": "{n} targets; {with_data} with Huế data, {no_data} without, {qual} qualitative.",
        "needs": "Needed: periodic reports from {who}.",
    },
}


def t(key: str, lang: str = "vi") -> str:
    return TEXT[lang][key]


# Words of the briefs (notebooks, report.py, charts.py); merged into TEXT below.
BRIEF_TEXT = {
    "vi": {
        "title_00_data_audit": "Rà soát số liệu: mức độ đầy đủ của từng chỉ số",
        "title_10_scorecard": "Bảng theo dõi thực hiện các chỉ tiêu của Kế hoạch 330/KH-UBND",
        "title_20_trained_labour": "Lao động qua đào tạo",
        "title_30_stem_enrolment": "Học sinh tốt nghiệp THPT theo học các ngành STEM",
        "title_40_rnd_investment": "Đầu tư cho nghiên cứu và phát triển (R&D)",
        "title_50_capacity": "Năng lực: giáo viên, chương trình, trao đổi quốc tế, kết nối và các mốc",
        "title_60_scenarios": "So sánh các kịch bản",
        "title_90_methods": "Phương pháp, ngưỡng đánh giá và độ chính xác",
        "plan_name": "Kế hoạch 330/KH-UBND, thành phố Huế",
        "scenario": "Kịch bản",
        "latest_data_year": "số liệu mới nhất: năm {year}",
        "as_of": "Cập nhật",
        "run_id": "Mã lần chạy",
        "indicator": "Chỉ số",
        "geo": "Địa bàn",
        "breakdown": "Trình độ",
        "years": "Các năm",
        "data_status": "Loại số liệu",
        "source_col": "Nguồn",
        "breaks": "Điểm gãy chuỗi",
        "clause": "Mục",
        "deadline": "Thời hạn",
        "section": "mục",
        "list_and": " và ",
        "points_word": "điểm",
        "latest_word": "mới nhất",
        "reporter_unknown": "chưa xác định đơn vị báo cáo",
        "needed": "Cần số liệu",
        "needed_series": "{label}, hằng năm ({unit})",
        "who_reports": "Đơn vị báo cáo (mục V)",
        "proxy_available": "Số liệu thay thế hiện có",
        "no_proxy": "không có",
        "audit_counts": ("Bộ số liệu có {obs} quan sát của {ind}/{n_ind} chỉ số trong danh mục, "
                         "từ {src} nguồn, trải từ năm {first} đến năm {last}."),
        "audit_targets": ("Kế hoạch có {n} mục tiêu, trong đó {measurable} đo được bằng số "
                          "({levels} chỉ tiêu khi tính riêng từng trình độ đào tạo) và {qual} mục tiêu định tính. "
                          "Huế có số liệu cho {with_data}/{levels} chỉ tiêu đo được."),
        "audit_weak": "{n} quan sát là số liệu thay thế hoặc giả định; chúng được ghi rõ trên mọi bảng và biểu đồ.",
        "no_data_sentence": "Huế chưa có số liệu về {label}, nên chưa thể đánh giá chỉ tiêu {goal}.",
        "proxy_sentence": ("Để tham khảo (không dùng để đánh giá): {label} ({geo}) là {value} "
                           "năm {year} — số liệu thay thế (proxy)."),
        "qualitative_sentence": "{label}: mục tiêu định tính, được đánh giá qua báo cáo định kỳ của các sở, ngành.",
        "interval_95": "khoảng dự báo 95 %",
        "interval_80": "khoảng dự báo 80 %",
        "projection_median": "dự báo (trung vị)",
        "required_path": "lộ trình cần thiết để đạt chỉ tiêu",
        "h_coverage": "Mức độ đầy đủ của từng chỉ số",
        "h_missing": "Huế còn thiếu số liệu gì và ai báo cáo",
        "h_qualitative": "Các mục tiêu định tính",
        "h_summary": "Tóm tắt",
    },
    "en": {
        "title_00_data_audit": "Data audit: coverage of every indicator",
        "title_10_scorecard": "Plan 330/KH-UBND scorecard",
        "title_20_trained_labour": "Trained labour",
        "title_30_stem_enrolment": "High-school graduates enrolling in STEM",
        "title_40_rnd_investment": "Investment in research and development (R&D)",
        "title_50_capacity": "Capacity: teachers, programmes, exchanges, connectivity and milestones",
        "title_60_scenarios": "Scenarios compared",
        "title_90_methods": "Methods, thresholds and accuracy",
        "plan_name": "Plan 330/KH-UBND, Huế City",
        "scenario": "Scenario",
        "latest_data_year": "latest data: {year}",
        "as_of": "Updated",
        "run_id": "Run",
        "indicator": "Indicator",
        "geo": "Area",
        "breakdown": "Level",
        "years": "Years",
        "data_status": "Data status",
        "source_col": "Sources",
        "breaks": "Series breaks",
        "clause": "Clause",
        "deadline": "Deadline",
        "section": "section",
        "list_and": " and ",
        "points_word": "points",
        "latest_word": "latest",
        "reporter_unknown": "no reporting unit named yet",
        "needed": "Data needed",
        "needed_series": "{label}, every year ({unit})",
        "who_reports": "Reported by (section V)",
        "proxy_available": "Proxy data available",
        "no_proxy": "none",
        "audit_counts": ("The data hold {obs} observations of {ind} of the {n_ind} catalogued indicators, "
                         "from {src} sources, spanning {first} to {last}."),
        "audit_targets": ("The plan has {n} targets: {measurable} measurable ({levels} when each training "
                          "level counts separately) and {qual} qualitative. Huế has data for {with_data} of the "
                          "{levels} measurable ones."),
        "audit_weak": "{n} observations are proxies or assumptions; every table and chart labels them as such.",
        "no_data_sentence": "Huế has no data on {label} yet, so the target {goal} cannot be assessed.",
        "proxy_sentence": "For reference only (not used to assess): {label} ({geo}) was {value} in {year} — a proxy.",
        "qualitative_sentence": "{label}: a qualitative target, assessed in the departments' periodic reports.",
        "interval_95": "95% projection interval",
        "interval_80": "80% projection interval",
        "projection_median": "projection (median)",
        "required_path": "path required to meet the target",
        "h_coverage": "Coverage of every indicator",
        "h_missing": "What Huế is missing, and who reports it",
        "h_qualitative": "Qualitative targets",
        "h_summary": "Summary",
    },
}

for _lang, _words in BRIEF_TEXT.items():
    for _key, _word in _words.items():
        TEXT[_lang].setdefault(_key, _word)
