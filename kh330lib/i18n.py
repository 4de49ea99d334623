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
        "summary": "{targets} mục tiêu ({n} dòng, mỗi trình độ đào tạo một dòng): {with_data} có số liệu của Huế, {no_data} chưa có, {qual} định tính.",
        "needs": "Cần: báo cáo định kỳ của {who}.",
        "milestone_done": "hoàn thành",
        "cumulative": "cộng dồn",
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
        "summary": "{targets} targets ({n} rows, one per training level): {with_data} with Huế data, {no_data} without, {qual} qualitative.",
        "needs": "Needed: periodic reports from {who}.",
        "milestone_done": "achieved",
        "cumulative": "cumulative",
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
        "as_of": "Số liệu đến ngày",
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
        "national_marker": "cả nước",
        "clause_fmt": "mục {section}, ý {bullet}",
        "by_level": "riêng từng trình độ: {levels}",
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
        "proxy_sentence": ("Để tham khảo (không dùng để đánh giá): {label} là {value} "
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
        "pp": "điểm phần trăm",
        "h_key_messages": "Thông điệp chính",
        "h_verdict_history": "Đánh giá qua các lần cập nhật số liệu",
        "qualitative_cell": "Mục tiêu định tính, không có con số để đo: đánh giá qua báo cáo định kỳ của các sở, ngành.",
        "h_scorecard": "Toàn bộ chỉ tiêu của Kế hoạch",
        "h_topic_scorecard": "Các chỉ tiêu của chủ đề này",
        "h_money": "Quy đổi chỉ tiêu R&D ra tỷ đồng",
        "h_adjustments": "Các kịch bản và giả định của từng kịch bản",
        "h_scenario_table": "Kết quả theo từng kịch bản",
        "h_methods": "Phương pháp",
        "evidence_rule": "{level}: ít nhất {n} điểm số liệu, điểm mới nhất cách năm số liệu mới nhất của bộ dữ liệu không quá {age} năm",
        "evidence_rule_any_age": "{level}: ít nhất {n} điểm số liệu, bất kể năm nào",
        "m_h_status": "Đánh giá tiến độ",
        "m_status": ("Mỗi chỉ tiêu được so sánh giữa tốc độ tăng bình quân hằng năm đã đạt (tính từ năm gốc, "
                     "mặc định là {base} năm trước năm có số liệu mới nhất; nếu năm đó không có số liệu thì lấy năm "
                     "gần nhất sau đó) và tốc độ cần để đạt chỉ tiêu đúng hạn. Nếu tốc độ đã đạt bằng ít nhất {on} "
                     "tốc độ cần: đúng tiến độ; từ {acc} đến dưới {on}: cần tăng tốc; từ {lim} đến dưới {acc}: "
                     "tiến triển chậm; đi lùi: đi ngược chỉ tiêu. Chỉ tiêu đã đạt được ghi là đã đạt, bất kể xu "
                     "hướng. Cần ít nhất {n} điểm số liệu để đánh giá."),
        "m_unsd": ("Để đối chiếu, giá trị kỳ vọng ở năm thời hạn (kéo dài tốc độ tăng bình quân) được so với quãng "
                   "đường từ năm gốc tới chỉ tiêu: đi được ít nhất {on} quãng đường là đúng tiến độ, từ {fair} đến "
                   "dưới {on} là tiến triển khá, dưới {fair} là đứng yên hoặc đi lùi. Với chỉ tiêu bằng mức tối đa "
                   "(như 100 %), giá trị cách mức đó không quá {tol} điểm phần trăm được coi là đạt."),
        "m_pace": ("Tốc độ cần là khoảng cách từ giá trị mới nhất tới chỉ tiêu chia cho số năm còn lại; tốc độ đã "
                   "đạt là mức thay đổi bình quân mỗi năm từ năm gốc tới năm mới nhất."),
        "m_h_projection": "Dự báo và khả năng đạt",
        "m_projection": ("Dự báo chỉ được lập khi có ít nhất {n} điểm số liệu, đến năm {end}. Mô hình đơn giản "
                         "được ưu tiên vì chuỗi số liệu rất ngắn: xu hướng đường thẳng, xu hướng trên thang logit "
                         "cho các tỷ lệ (để giá trị luôn trong khoảng 0–100 %), tăng trưởng theo tỷ lệ không đổi cho "
                         "các đại lượng dương, bước ngẫu nhiên có xu hướng và giữ nguyên giá trị gần nhất. Khoảng dự "
                         "báo 80 % và 95 % tính theo phân phối Student với số bậc tự do của mô hình; {paths} đường "
                         "mô phỏng cho biết năm đầu tiên có thể đạt chỉ tiêu."),
        "m_probability": ("Khả năng đạt là xác suất giá trị năm thời hạn đạt chỉ tiêu (theo đúng dấu so sánh của Kế "
                          "hoạch: «trên 80 %» không đạt khi bằng đúng 80 %), tính từ phân phối dự báo. Đây là xác "
                          "suất có điều kiện: nếu xu hướng của số liệu hiện có tiếp diễn."),
        "m_h_backtest": "Chọn mô hình và kiểm định ngược",
        "m_backtest": ("Mỗi mô hình được kiểm tra bằng cách dự báo lại quá khứ: bắt đầu từ {train} điểm đầu tiên, "
                       "dự báo các năm sau (tối đa {horizon} năm) rồi so với số liệu thật. Chỉ khi có ít nhất "
                       "{origins} lần kiểm tra và {errors} giá trị được giữ lại, mô hình có sai số (MASE) nhỏ nhất "
                       "mới được chọn; nếu không, dùng mô hình xu hướng đơn giản nhất. Khi có ít nhất {widen} giá trị "
                       "được giữ lại và khoảng dự báo bao phủ ít hơn mức danh nghĩa, khoảng được nới rộng (tối đa "
                       "{cap} lần)."),
        "m_h_evidence": "Độ vững của bằng chứng",
        "m_evidence": ("Mức độ: {levels}. Nếu có điểm là số liệu thay thế hoặc giả định, mức độ bị hạ một bậc; chuỗi "
                       "chỉ gồm các điểm như vậy tối đa là yếu."),
        "m_h_sources": "Nguồn phương pháp (nguyên văn trong params/methods.yaml)",
        "points": "Số điểm",
        "bt_model": "Mô hình",
        "bt_origins": "Số lần kiểm tra",
        "bt_errors": "Số giá trị giữ lại",
        "bt_mase": "MASE",
        "bt_rmse": "RMSE",
        "bt_cov80": "Trong khoảng 80 %",
        "bt_cov95": "Trong khoảng 95 %",
        "bt_widening": "Nới rộng",
        "bt_trust": "Kết luận",
        "bt_enough": "đủ lịch sử để chọn mô hình theo kiểm định",
        "bt_too_little": "chưa đủ lịch sử: kết quả kiểm định chỉ để tham khảo, dùng mô hình xu hướng đơn giản nhất",
        "bt_none": "Chưa có chuỗi số liệu nào của Huế đủ dài để dự báo.",
        "m_col_status": "Đánh giá theo tốc độ",
        "m_col_ratio": "Tỷ số tốc độ",
        "m_col_unsd": "Đối chiếu theo giá trị kỳ vọng",
        "m_col_expected": "Giá trị kỳ vọng năm thời hạn",
        "unsd_target_achieved": "Đã đạt chỉ tiêu",
        "unsd_on_track": "Đúng tiến độ",
        "unsd_fair_progress": "Tiến triển khá, cần tăng tốc",
        "unsd_stagnation_or_regression": "Đứng yên hoặc đi lùi",
        "unsd_insufficient_data": "Chưa đủ số liệu",
        "caveat_definition": ("Tỷ lệ lao động qua đào tạo của Huế theo định nghĩa rộng (kể cả đào tạo ngắn hạn không "
                              "có chứng chỉ), là cơ sở của chỉ tiêu «trên 80 %»; không so sánh trực tiếp với tỷ lệ "
                              "lao động có bằng cấp, chứng chỉ của Điều tra lao động – việc làm."),
        "caveat_proxy": ("Số liệu thay thế (proxy), thường là số liệu cả nước, chỉ để tham khảo: không bao giờ được "
                         "dùng để đánh giá chỉ tiêu của Huế và luôn được ghi rõ trên bảng và biểu đồ."),
        "caveat_estimate": "Số liệu ước tính (chấm rỗng trên biểu đồ) có thể thay đổi khi có số liệu chính thức.",
        "caveat_assumption": ("Giá trị giả định của một kịch bản không phải số liệu đo được; chúng được ghi là giả "
                              "định ở mọi nơi xuất hiện."),
        "caveat_intervals": ("Chuỗi số liệu rất ngắn nên khoảng dự báo có thể hẹp hơn thực tế; khi đủ số liệu, kiểm "
                             "định ngược cho biết tỷ lệ bao phủ thực tế và khoảng được nới rộng tương ứng."),
        "caveat_not_forecast": ("Các đánh giá mô tả điều sẽ xảy ra nếu xu hướng của số liệu hiện có tiếp diễn; đây "
                                "không phải dự báo chính thức hay nhận định về chính sách."),
        "caveat_break": ("{label}: chuỗi số liệu bị gãy tại {periods}; dự báo chỉ dùng số liệu từ sau điểm gãy "
                         "khi còn ít nhất 2 điểm."),
        "h_methods_backtest": "Độ chính xác của dự báo (kiểm định ngược)",
        "h_methods_two": "Hai cách đánh giá, đặt cạnh nhau",
        "h_caveats": "Lưu ý về số liệu",
        "adj_extra": "cộng thêm {change} từ năm {year}",
        "adj_multiplier": "xu hướng thay đổi nhanh gấp {m} lần từ năm {year}",
        "adj_straight": "đi theo đường thẳng từ giá trị mới nhất tới chỉ tiêu",
        "adj_assumed": "giá trị giả định (không phải số liệu đo được): {values}",
        "adj_none": "không điều chỉnh: mỗi chỉ số theo xu hướng của chính nó",
        "adj_change": "Điều chỉnh",
        "adj_rationale": "Lý do (nguyên văn trong tệp kịch bản)",
        "scenario_same": ("{n} chỉ tiêu còn lại chưa có số liệu của Huế ở mọi kịch bản nên chưa đánh giá được; "
                          "xem bảng theo dõi chỉ tiêu."),
        "scenario_sentence": ("{label}: năm {deadline} khoảng {median} (khoảng 80 %: {lo}–{hi}); khả năng đạt "
                              "{p}; đánh giá: {verdict}."),
        "scenario_no_projection": "{label}: chưa dự báo được.",
        "alt_scenario_item": "{label} khoảng {median} (khả năng đạt {p})",
        "alt_scenarios": ("Biểu đồ {title} theo các kịch bản: {n} điểm số liệu {span}, mới nhất {latest} ({status}); "
                          "đường trung vị của mỗi kịch bản đến năm {year}: {items}; chỉ tiêu {goal}."),
        "money_grdp": "GRDP dự báo năm thời hạn, {unit} (khoảng 80 %)",
        "money_rnd": "Chi R&D tương ứng, {unit} (khoảng 80 %)",
        "money_sentence": ("Năm {year}, nếu GRDP (giá hiện hành) theo xu hướng đạt khoảng {grdp} (khoảng 80 %: "
                           "{glo}–{ghi}), chi {share} cho R&D tương đương khoảng {money} (khoảng 80 %: {lo}–{hi})."),
        "money_none": "Chưa quy đổi được chỉ tiêu R&D ra tỷ đồng: chưa dự báo được GRDP của Huế.",
        "alt_money": ("Biểu đồ {title}: {n} điểm số liệu {span}, mới nhất {latest} ({status}); dự báo năm {year} "
                      "khoảng {median} (khoảng 80 % từ {lo80} đến {hi80}). Các điểm hình thoi ghi số tiền chi R&D "
                      "tương ứng với chỉ tiêu: {marks}."),
        "plan_says": "Kế hoạch ghi",
        "evidence_sentence": "Độ vững của bằng chứng: {level} — {n} điểm số liệu ({statuses}), mới nhất năm {year}.",
        "model_sentence": "Mô hình dự báo: {model}.",
        "model_linear": "xu hướng đường thẳng",
        "model_logit_linear": "xu hướng đường thẳng trên thang logit (giá trị luôn nằm trong khoảng 0–100 %)",
        "model_log_linear": "tăng trưởng theo tỷ lệ không đổi mỗi năm",
        "model_drift": "bước ngẫu nhiên có xu hướng (theo mức thay đổi bình quân hằng năm)",
        "model_naive": "giữ nguyên giá trị gần nhất",
        "model_ets_damped": "làm trơn hàm mũ với xu hướng tắt dần",
        "hue": "Huế",
        "national_series": "Cả nước",
        "proxy_series": "Số liệu thay thế",
        "alt_level_one": "Biểu đồ {title}: 1 điểm số liệu của Huế (năm {last}): {latest} ({status}); chỉ tiêu {goals}.",
        "cumulative_total": "Số cộng dồn của Huế",
        "no_hue_data_title": "Huế chưa có số liệu",
        "alt_level": ("Biểu đồ {title}: {n} điểm số liệu của Huế {span}, mới nhất {latest} "
                      "({status}); chỉ tiêu {goals}."),
        "alt_fan": ("Dự báo năm {year}: khoảng {median}, khoảng 80 % từ {lo80} đến {hi80}, khoảng 95 % từ {lo95} "
                    "đến {hi95}."),
        "alt_required": "Đường chấm là lộ trình cần thiết để đạt chỉ tiêu.",
        "alt_national": "Đường xám là số liệu cả nước: {n} điểm, mới nhất {latest} năm {last}.",
        "alt_proxy": ("Biểu đồ {title}: Huế chưa có số liệu; hình chỉ vẽ số liệu thay thế (proxy) «{proxy}», "
                      "{n} điểm {span}, mới nhất {latest}, cùng chỉ tiêu {goals}."),
        "span_one": "năm {year}",
        "span_many": "từ năm {first} đến năm {last}",
        "alt_cumulative": ("Biểu đồ {title}: số cộng dồn của Huế từ năm {start} là {total} đến năm {year}; "
                           "chỉ tiêu {goals}; đường chấm là lộ trình cần thiết."),
        "verb_>": "vượt",
        "verb_>=": "đạt",
        "verb_<": "xuống dưới",
        "verb_<=": "giảm còn",
        "rise": "tăng",
        "fall": "giảm",
        "cum_pace_needed": "để {goal} vào năm {deadline} cần thêm trung bình {req}",
        "cum_pace_faster": ", gấp {factor} lần mức bình quân đã đạt ({obs})",
        "cum_pace_slower": ", ít hơn mức bình quân đã đạt ({obs})",
        "cum_pace_same": ", bằng mức bình quân đã đạt ({obs})",
        "cum_pace_wrong_way": "",
        "pace_needed": "để {goal} vào năm {deadline} cần {direction} trung bình {req}",
        "pace_faster": ", gấp {factor} lần tốc độ bình quân {span} ({obs})",
        "pace_slower": ", thấp hơn tốc độ bình quân {span} ({obs})",
        "pace_same": ", bằng tốc độ bình quân {span} ({obs})",
        "pace_wrong_way": ", trong khi bình quân {span} chỉ số không tiến về chỉ tiêu ({obs})",
        "level_now": "{subject} năm {year} đạt {value} ({status})",
        "already_met": "chỉ tiêu {goal} đã đạt",
        "if_trend": "Nếu xu hướng hiện nay tiếp diễn",
        "if_scenario": "Theo {label}",
        "projection_sentence": ("{lead}, năm {deadline} chỉ số ở mức khoảng {median} (khoảng 80 %: {lo}–{hi}); "
                                "khả năng đạt chỉ tiêu khoảng {p}."),
        "too_few_points": "Mới có {n} điểm số liệu, chưa đủ để dự báo xu hướng.",
        "one_point": "Mới có {n} điểm số liệu, chưa đủ để dự báo xu hướng.",
        "assumption_scenario": "Giá trị năm {years} là giả định của {label}, không phải số liệu đo được.",
        "assumption_data": "Giá trị năm {years} được ghi trong số liệu là giả định, không phải số liệu đo được.",
        "cumulative_one_year": "{subject}: {total} trong năm {year}",
        "cumulative_now": "{subject}: {total} cộng dồn từ năm {start} đến năm {year}",
        "cumulative_missing": "Năm {years} chưa có báo cáo; số liệu các năm này được coi là chưa biết, không phải bằng 0.",
        "milestone_not_yet": "{subject}: chưa hoàn thành theo báo cáo năm {year}; thời hạn là năm {deadline}.",
        "milestone_achieved": "{subject}: đã hoàn thành năm {achieved} (thời hạn năm {deadline}).",
        "milestone_overdue": "{subject}: chưa hoàn thành dù đã quá thời hạn năm {deadline}.",
        "gaps_sentence": ("Huế mới có số liệu đo được cho {with_data}/{n} chỉ tiêu; {without} chỉ tiêu còn lại "
                          "chưa thể đánh giá. Số liệu còn thiếu cần báo cáo định kỳ của {who} theo mục V "
                          "của Kế hoạch."),
        "qualitative_count": ("{n} mục tiêu định tính không có con số để đo; chúng được đánh giá qua báo cáo "
                              "định kỳ của các sở, ngành."),
        "needs_short": "cần báo cáo của {who}",
        "pp_short": "điểm %",
        "per_year": " mỗi năm",
        "per_year_short": "/năm",
        "total_since": "cộng dồn {start}–{year}",
        "verdict_target_achieved": "Đã đạt chỉ tiêu",
        "verdict_achieved": "Đã đạt",
        "verdict_on_track": "Đúng tiến độ",
        "verdict_needs_acceleration": "Cần tăng tốc",
        "verdict_limited_progress": "Tiến triển chậm",
        "verdict_deterioration": "Đi ngược chỉ tiêu",
        "verdict_overdue": "Quá hạn",
        "verdict_not_yet": "Chưa hoàn thành",
        "verdict_insufficient_data": "Chưa đủ số liệu để đánh giá",
        "verdict_no_data": "Chưa có số liệu",
        "verdict_qualitative": "Định tính",
        "evidence_strong": "mạnh",
        "evidence_moderate": "trung bình",
        "evidence_weak": "yếu",
        "evidence_none": "không có",
        "section_2030": "Mục tiêu đến năm 2030 (mục II.2)",
        "section_2035": "Mục tiêu giai đoạn 2030–2035 (mục II.3)",
        "section_2045": "Định hướng đến năm 2045 (mục II.4)",
        "sc_projection": "Dự báo năm thời hạn (khoảng 80 %)",
        "sc_p_meet": "Khả năng đạt",
        "sc_required": "Tốc độ cần",
        "sc_observed": "Tốc độ đã đạt",
        "sc_verdict": "Đánh giá",
        "sc_evidence": "Độ vững của bằng chứng",
        "sc_legend": ("Đánh giá: ✔ đã đạt; ▲ đúng tiến độ; ◆ cần tăng tốc; ▼ tiến triển chậm; ✖ đi ngược chỉ tiêu "
                      "hoặc quá hạn; ? chưa có hoặc chưa đủ số liệu; ○ mục tiêu định tính. Chữ nghiêng: có số liệu "
                      "thay thế hoặc giả định. Khả năng đạt là xác suất giá trị năm thời hạn đạt chỉ tiêu, theo "
                      "xu hướng của số liệu hiện có."),
        "h_coverage_chart": "Các năm có số liệu, theo chuỗi",
        "alt_coverage": ("Biểu đồ chấm: các năm có số liệu của {n} chuỗi số liệu (chỉ số theo địa bàn), "
                         "tổng cộng {points} điểm từ năm {first} đến năm {last}; {hue} chỉ số có số liệu của Huế. "
                         "Chấm đặc là số liệu chính thức, chấm rỗng là ước tính."),
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
        "as_of": "Data as of",
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
        "national_marker": "national",
        "clause_fmt": "{section}, bullet {bullet}",
        "by_level": "for each level: {levels}",
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
        "proxy_sentence": "For reference only (not used to assess): {label} was {value} in {year} — a proxy.",
        "qualitative_sentence": "{label}: a qualitative target, assessed in the departments' periodic reports.",
        "interval_95": "95% projection interval",
        "interval_80": "80% projection interval",
        "projection_median": "projection (median)",
        "required_path": "path required to meet the target",
        "h_coverage": "Coverage of every indicator",
        "h_missing": "What Huế is missing, and who reports it",
        "h_qualitative": "Qualitative targets",
        "h_summary": "Summary",
        "pp": "percentage points",
        "h_key_messages": "Key messages",
        "h_verdict_history": "Verdicts across data updates",
        "qualitative_cell": "Qualitative target with no number to measure: assessed in the departments' periodic reports.",
        "h_scorecard": "Every target of the plan",
        "h_topic_scorecard": "The targets of this brief",
        "h_money": "The R&D targets in billion VND",
        "h_adjustments": "The scenarios and what each assumes",
        "h_scenario_table": "Results by scenario",
        "h_methods": "Methods",
        "evidence_rule": "{level}: at least {n} data points, the latest no more than {age} years before the newest year in the data",
        "evidence_rule_any_age": "{level}: at least {n} data point(s), of any year",
        "m_h_status": "Progress status",
        "m_status": ("Each target compares the average yearly growth achieved (from the base year, by default {base} "
                     "years before the latest data; if that year has no data, the next year that has) with the "
                     "growth needed to meet the target on time. Growth of at least {on} of the pace needed: on "
                     "track; {acc} to below {on}: needs acceleration; {lim} to below {acc}: limited progress; "
                     "negative: moving away. A target already met is shown as met whatever the trend. At least {n} "
                     "data points are needed."),
        "m_unsd": ("As a cross-check, the value expected in the deadline year (extending the average growth) is "
                   "compared with the way from the base year to the target: at least {on} of the way is on track, "
                   "{fair} to below {on} fair progress, below {fair} stagnation or regression. For a target at the "
                   "maximum (such as 100%), a value within {tol} percentage points of it counts as met."),
        "m_pace": ("The pace needed is the gap between the latest value and the target divided by the years left; "
                   "the pace so far is the average yearly change from the base year to the latest year."),
        "m_h_projection": "Projections and the chance of meeting a target",
        "m_projection": ("A projection needs at least {n} data points and runs to {end}. Simple models are preferred "
                         "because the series are very short: a straight-line trend, a trend on the logit scale for "
                         "shares (so values stay between 0 and 100%), constant growth for positive quantities, a "
                         "random walk with drift and the latest value carried forward. The 80% and 95% intervals use "
                         "a Student distribution with the model's degrees of freedom; {paths} simulated paths give the "
                         "first year the target may be reached."),
        "m_probability": ("The chance of meeting a target is the probability that the deadline-year value meets it "
                          "(with the plan's comparison: “above 80%” is not met by exactly 80%), from the projected "
                          "distribution. It is conditional: it holds if the trend of the data so far continues."),
        "m_h_backtest": "Model choice and backtests",
        "m_backtest": ("Each model is tested by re-forecasting the past: starting from the first {train} points, it "
                       "forecasts the following years (up to {horizon} years ahead) and is compared with what "
                       "happened. Only with at least {origins} forecast origins and {errors} held-out values is the "
                       "model with the lowest error (MASE) chosen; otherwise the simplest trend model is used. With at "
                       "least {widen} held-out values and coverage below the nominal level, intervals are widened (at "
                       "most {cap} times)."),
        "m_h_evidence": "Strength of evidence",
        "m_evidence": ("Levels: {levels}. Any proxy or assumed point lowers the level by one; a series made only of "
                       "such points is at most weak."),
        "m_h_sources": "Published sources of the methods (as written in params/methods.yaml)",
        "points": "Points",
        "bt_model": "Model",
        "bt_origins": "Forecast origins",
        "bt_errors": "Held-out values",
        "bt_mase": "MASE",
        "bt_rmse": "RMSE",
        "bt_cov80": "Inside 80% interval",
        "bt_cov95": "Inside 95% interval",
        "bt_widening": "Widening",
        "bt_trust": "Verdict",
        "bt_enough": "enough history to choose the model by backtest",
        "bt_too_little": "too little history: backtest for reference only, simplest trend model used",
        "bt_none": "No Huế series is long enough to project yet.",
        "m_col_status": "Status by growth ratio",
        "m_col_ratio": "Growth ratio",
        "m_col_unsd": "Cross-check by expected value",
        "m_col_expected": "Expected value in the deadline year",
        "unsd_target_achieved": "Target met",
        "unsd_on_track": "On track",
        "unsd_fair_progress": "Fair progress, acceleration needed",
        "unsd_stagnation_or_regression": "Stagnation or regression",
        "unsd_insufficient_data": "Too little data",
        "caveat_definition": ("Huế's trained labour rate uses the broad definition (including short training without a "
                              "certificate), the basis of the “above 80%” target; it is not comparable with the Labour "
                              "Force Survey share of workers with a degree or certificate."),
        "caveat_proxy": ("Proxy figures, usually national ones, are for reference only: they are never used to assess "
                         "Huế's targets and are always labelled on tables and charts."),
        "caveat_estimate": "Estimates (hollow dots on charts) may change when official figures are published.",
        "caveat_assumption": "A scenario's assumed values are not measured data; they are labelled as assumptions wherever they appear.",
        "caveat_intervals": ("The series are very short, so intervals may be narrower than reality; once there are "
                             "enough data, backtests measure the actual coverage and widen the intervals to match."),
        "caveat_not_forecast": ("The assessments describe what happens if the trend of the data so far continues; they "
                                "are neither an official forecast nor a judgement of policy."),
        "caveat_break": "{label}: the series breaks at {periods}; projections use only the data after a break when at least 2 points remain.",
        "h_methods_backtest": "Accuracy of the projections (backtests)",
        "h_methods_two": "Two ways of assessing, side by side",
        "h_caveats": "Data caveats",
        "adj_extra": "{change} more from {year}",
        "adj_multiplier": "the trend's change {m} times as fast from {year}",
        "adj_straight": "a straight line from the latest value to the target",
        "adj_assumed": "assumed values (not measured data): {values}",
        "adj_none": "no adjustment: every indicator follows its own trend",
        "adj_change": "Adjustment",
        "adj_rationale": "Rationale (as written in the scenario file)",
        "scenario_same": ("The other {n} targets have no Huế data in any scenario and cannot be assessed yet; see "
                          "the scorecard."),
        "scenario_sentence": ("{label}: about {median} in {deadline} (80% interval {lo}–{hi}); chance of meeting "
                              "the target {p}; status: {verdict}."),
        "scenario_no_projection": "{label}: no projection.",
        "alt_scenario_item": "{label} about {median} (chance {p})",
        "alt_scenarios": ("Chart of {title} by scenario: {n} data points {span}, latest {latest} ({status}); median "
                          "path of each scenario to {year}: {items}; target {goal}."),
        "money_grdp": "Projected GRDP in the deadline year, {unit} (80% interval)",
        "money_rnd": "Matching R&D spending, {unit} (80% interval)",
        "money_sentence": ("In {year}, if GRDP (current prices) follows its trend to about {grdp} (80% interval "
                           "{glo}–{ghi}), spending {share} on R&D means about {money} (80% interval {lo}–{hi})."),
        "money_none": "The R&D targets cannot be converted to billion VND yet: Huế's GRDP could not be projected.",
        "alt_money": ("Chart of {title}: {n} data points {span}, latest {latest} ({status}); projection for {year} "
                      "about {median} (80% interval {lo80} to {hi80}). Diamonds give the R&D spending each target "
                      "means: {marks}."),
        "plan_says": "The plan says (Vietnamese original)",
        "evidence_sentence": "Strength of evidence: {level} — {n} data points ({statuses}), latest {year}.",
        "model_sentence": "Projection model: {model}.",
        "model_linear": "straight-line trend",
        "model_logit_linear": "straight-line trend on the logit scale (values stay between 0 and 100%)",
        "model_log_linear": "constant growth rate",
        "model_drift": "random walk with drift (the average yearly change)",
        "model_naive": "latest value carried forward",
        "model_ets_damped": "exponential smoothing with a damped trend",
        "hue": "Huế",
        "national_series": "Viet Nam",
        "proxy_series": "Proxy series",
        "alt_level_one": "Chart of {title}: one Huế data point ({last}): {latest} ({status}); target {goals}.",
        "cumulative_total": "Huế, cumulative total",
        "no_hue_data_title": "no Huế data",
        "alt_level": ("Chart of {title}: {n} Huế data points {span}, latest {latest} ({status}); "
                      "target {goals}."),
        "alt_fan": "Projection for {year}: about {median}, 80% interval {lo80} to {hi80}, 95% interval {lo95} to {hi95}.",
        "alt_required": "The dotted line is the path required to meet the target.",
        "alt_national": "The grey line is Viet Nam: {n} points, latest {latest} in {last}.",
        "alt_proxy": ("Chart of {title}: Huế has no data; the chart shows only the proxy series “{proxy}”, {n} "
                      "point(s) {span}, latest {latest}, with the target {goals}."),
        "span_one": "in {year}",
        "span_many": "from {first} to {last}",
        "alt_cumulative": ("Chart of {title}: Huế's cumulative total since {start} is {total} by {year}; target "
                           "{goals}; the dotted line is the required path."),
        "verb_>": "exceed",
        "verb_>=": "reach",
        "verb_<": "fall below",
        "verb_<=": "fall to",
        "rise": "rise",
        "fall": "fall",
        "cum_pace_needed": "to {goal} by {deadline} it needs on average {req}",
        "cum_pace_faster": ", {factor} times the average so far ({obs})",
        "cum_pace_slower": ", less than the average so far ({obs})",
        "cum_pace_same": ", the same as the average so far ({obs})",
        "cum_pace_wrong_way": "",
        "pace_needed": "to {goal} by {deadline} it must {direction} by {req} on average",
        "pace_faster": ", {factor} times the {span} average ({obs})",
        "pace_slower": ", less than the {span} average ({obs})",
        "pace_same": ", the same as the {span} average ({obs})",
        "pace_wrong_way": ", while over {span} it did not move towards the target ({obs})",
        "level_now": "{subject}: {value} in {year} ({status})",
        "already_met": "the target {goal} is already met",
        "if_trend": "If the present trend continues",
        "if_scenario": "Under the scenario {label}",
        "projection_sentence": ("{lead}, the value in {deadline} will be about {median} (80% interval {lo}–{hi}); "
                                "the chance of meeting the target is about {p}."),
        "too_few_points": "Only {n} data points so far: too few to project a trend.",
        "one_point": "Only one data point so far: too few to project a trend.",
        "assumption_scenario": "Values for {years} are assumptions of the scenario {label}, not measured data.",
        "assumption_data": "Values for {years} are recorded in the data as assumptions, not measured data.",
        "cumulative_one_year": "{subject}: {total} in {year}",
        "cumulative_now": "{subject}: {total} in total from {start} to {year}",
        "cumulative_missing": "No report yet for {years}; those years count as unknown, not as zero.",
        "milestone_not_yet": "{subject}: not yet achieved according to the {year} report; the deadline is {deadline}.",
        "milestone_achieved": "{subject}: achieved in {achieved} (deadline {deadline}).",
        "milestone_overdue": "{subject}: not achieved although the deadline {deadline} has passed.",
        "gaps_sentence": ("Huế has measured data for {with_data} of {n} targets; the other {without} cannot be "
                          "assessed yet. The missing figures are to be reported periodically by {who} under "
                          "section V of the plan."),
        "qualitative_count": ("{n} qualitative targets have no number to measure; they are assessed in the "
                              "departments' periodic reports."),
        "needs_short": "to be reported by {who}",
        "pp_short": "pts",
        "per_year": " a year",
        "per_year_short": "/yr",
        "total_since": "total {start}–{year}",
        "verdict_target_achieved": "Target met",
        "verdict_achieved": "Achieved",
        "verdict_on_track": "On track",
        "verdict_needs_acceleration": "Needs acceleration",
        "verdict_limited_progress": "Limited progress",
        "verdict_deterioration": "Moving away",
        "verdict_overdue": "Overdue",
        "verdict_not_yet": "Not yet achieved",
        "verdict_insufficient_data": "Too little data to assess",
        "verdict_no_data": "No data",
        "verdict_qualitative": "Qualitative",
        "evidence_strong": "strong",
        "evidence_moderate": "moderate",
        "evidence_weak": "weak",
        "evidence_none": "none",
        "section_2030": "Targets for 2030 (section II.2)",
        "section_2035": "Targets for 2030–2035 (section II.3)",
        "section_2045": "Orientation to 2045 (section II.4)",
        "sc_projection": "Projection for the deadline (80% interval)",
        "sc_p_meet": "Chance of meeting it",
        "sc_required": "Pace needed",
        "sc_observed": "Pace so far",
        "sc_verdict": "Status",
        "sc_evidence": "Strength of evidence",
        "sc_legend": ("Status: ✔ met; ▲ on track; ◆ needs acceleration; ▼ limited progress; ✖ moving away or "
                      "overdue; ? no or too little data; ○ qualitative target. Italics: proxy or assumed figures. "
                      "Chance of meeting it: the probability that the deadline-year value meets the target if the "
                      "trend of the data so far continues."),
        "h_coverage_chart": "Years with data, by series",
        "alt_coverage": ("Dot chart of the years with data for {n} series (indicator by area), {points} points "
                         "in all from {first} to {last}; {hue} indicators have Huế data. Filled dots are "
                         "official figures, hollow dots estimates."),
    },
}

for _lang, _words in BRIEF_TEXT.items():
    for _key, _word in _words.items():
        TEXT[_lang].setdefault(_key, _word)


# Ward reporting (Plan 330 section V.5) in the data audit.
for _lang, _words in {
    "vi": {"wards_reported": "{done}/{total} xã, phường đã gửi báo cáo định kỳ (mục V.5 của Kế hoạch).",
           "h_wards": "Báo cáo của các xã, phường", "yes": "có", "no": "chưa",
           "col_ward": "Xã, phường", "col_reported": "Đã báo cáo", "col_indicators": "Chỉ số",
           "col_years": "Năm", "col_received": "Ngày nhận gần nhất"},
    "en": {"wards_reported": "{done} of {total} wards and communes have sent their periodic reports "
                             "(section V.5 of the plan).",
           "h_wards": "Reports from wards and communes", "yes": "yes", "no": "not yet",
           "col_ward": "Ward or commune", "col_reported": "Reported", "col_indicators": "Indicators",
           "col_years": "Years", "col_received": "Last received"},
}.items():
    for _key, _text in _words.items():
        TEXT[_lang].setdefault(_key, _text)


# The sources table of the data audit.
for _lang, _words in {
    "vi": {"h_sources": "Nguồn số liệu", "col_source_id": "Mã nguồn", "col_title": "Tài liệu",
           "col_publisher": "Cơ quan, người báo cáo", "col_published": "Ngày công bố", "col_address": "Địa chỉ"},
    "en": {"h_sources": "Sources", "col_source_id": "Source id", "col_title": "Document",
           "col_publisher": "Publisher or reporter", "col_published": "Published", "col_address": "Address"},
}.items():
    for _key, _text in _words.items():
        TEXT[_lang].setdefault(_key, _text)


# Page header, footer and index of the published briefs (kh330lib.publish).
PAGE_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "kicker": "Kế hoạch 330/KH-UBND · thành phố Huế",
        "scenario": "Kịch bản",
        "data": "Số liệu",
        "run_date": "Ngày lập",
        "data_to": "đến năm {year}",
        "latest_source": "nguồn mới nhất ngày {date}",
        "latest_report": "báo cáo mới nhất nhận ngày {date}",
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
        "language": "Tiếng Việt",
        "index_title": "Kế hoạch 330/KH-UBND — các bản tóm tắt",
        "brief": "Bản tóm tắt",
        "scenarios": "Kịch bản",
        "failed": "lỗi",
        "run_failed": "Lần chạy này có bản tóm tắt bị lỗi nên không được công bố; xem run.log.",
    },
    "en": {
        "kicker": "Plan 330/KH-UBND · Huế City",
        "scenario": "Scenario",
        "data": "Data",
        "run_date": "Run date",
        "data_to": "up to {year}",
        "latest_source": "latest source {date}",
        "latest_report": "latest report received {date}",
        "no_data": "no data",
        "all_briefs": "All briefs",
        "provenance": "Provenance of this brief",
        "run_provenance": "Provenance of this run",
        "run": "Run",
        "notebook": "Notebook",
        "parameters": "Parameters",
        "scenario_file": "Scenario file",
        "data_files": "Data files",
        "code": "Code version",
        "uncommitted": "uncommitted changes",
        "no_git": "unknown (no git)",
        "software": "Software",
        "manifest": "Full record of the run (manifest.json)",
        "language": "English",
        "index_title": "Plan 330/KH-UBND — briefs",
        "brief": "Brief",
        "scenarios": "Scenario",
        "failed": "failed",
        "run_failed": "Some briefs of this run failed, so it was not published; see run.log.",
    },
}
