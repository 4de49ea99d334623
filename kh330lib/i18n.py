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
