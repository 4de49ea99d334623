"""Tiếng Việt: every word a reader of the Vietnamese briefs and command-line output sees.

Each verdict, status and reason has exactly one wording here; `kh330lib.words`
looks them up and the briefs and `kh330` print them.
"""

from __future__ import annotations

from ..codes import UnsdStatus, Verdict, Why

# The one word of each verdict, used by the briefs and the command line alike.
VERDICTS = {
    Verdict.TARGET_ACHIEVED: "Đã đạt chỉ tiêu",
    Verdict.ACHIEVED: "Đã đạt",
    Verdict.ON_TRACK: "Đúng tiến độ",
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
    "proxy": "số liệu thay thế (proxy)",
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
    "logit_linear": "xu hướng đường thẳng trên thang logit (giá trị luôn nằm trong khoảng 0–100 %)",
    "log_linear": "tăng trưởng theo tỷ lệ không đổi mỗi năm",
    "drift": "bước ngẫu nhiên có xu hướng (theo mức thay đổi bình quân hằng năm)",
    "naive": "giữ nguyên giá trị gần nhất",
    "ets_damped": "làm trơn hàm mũ với xu hướng tắt dần",
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
    "million current PPP$": "triệu USD PPP",
    "students per 10,000 pop": "sinh viên/10.000 dân",
    "USD": "USD",
}

# Page header, footer and index of the published briefs.
PAGE = {
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
}

# Every other phrase and sentence, by key.
TEXT = {
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
    "summary": ("{targets} mục tiêu ({n} dòng, mỗi trình độ đào tạo một dòng): {with_data} có số liệu của Huế, "
                "{no_data} chưa có, {qual} định tính."),
    "needs": "Cần: báo cáo định kỳ của {who}.",
    "milestone_done": "hoàn thành",
    "cumulative": "cộng dồn",
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
    "audit_counts": ("Bộ số liệu có {obs} quan sát của {ind}/{n_ind} chỉ số trong danh mục, từ {src} nguồn, trải từ "
                     "năm {first} đến năm {last}."),
    "audit_targets": ("Kế hoạch có {n} mục tiêu, trong đó {measurable} đo được bằng số ({levels} chỉ tiêu khi tính "
                      "riêng từng trình độ đào tạo) và {qual} mục tiêu định tính. Huế có số liệu cho "
                      "{with_data}/{levels} chỉ tiêu đo được."),
    "audit_weak": "{n} quan sát là số liệu thay thế hoặc giả định; chúng được ghi rõ trên mọi bảng và biểu đồ.",
    "no_data_sentence": "Huế chưa có số liệu về {label}, nên chưa thể đánh giá chỉ tiêu {goal}.",
    "proxy_sentence": ("Để tham khảo (không dùng để đánh giá): {label} là {value} năm {year} — số liệu thay thế "
                       "(proxy)."),
    "qualitative_sentence": "{label}: mục tiêu định tính, được đánh giá qua báo cáo định kỳ của các sở, ngành.",
    "interval_95": "khoảng dự báo 95 %",
    "interval_80": "khoảng dự báo 80 %",
    "projection_median": "dự báo (trung vị)",
    "required_path": "lộ trình cần thiết để đạt chỉ tiêu",
    "h_coverage": "Mức độ đầy đủ của từng chỉ số",
    "h_missing": "Huế còn thiếu số liệu gì và ai báo cáo",
    "h_qualitative": "Các mục tiêu định tính",
    "pp": "điểm phần trăm",
    "h_key_messages": "Thông điệp chính",
    "h_verdict_history": "Đánh giá qua các lần cập nhật số liệu",
    "qualitative_cell": "Mục tiêu định tính, không có con số để đo: đánh giá qua báo cáo định kỳ của các sở, ngành.",
    "h_scorecard": "Toàn bộ chỉ tiêu của Kế hoạch",
    "h_topic_scorecard": "Các chỉ tiêu của chủ đề này",
    "h_money": "Quy đổi chỉ tiêu R&D ra tỷ đồng",
    "h_adjustments": "Các kịch bản và giả định của từng kịch bản",
    "h_scenario_table": "Kết quả theo từng kịch bản",
    "evidence_rule": ("{level}: ít nhất {n} điểm số liệu, điểm mới nhất cách năm số liệu mới nhất của bộ dữ liệu "
                      "không quá {age} năm"),
    "evidence_rule_any_age": "{level}: ít nhất {n} điểm số liệu, bất kể năm nào",
    "m_h_status": "Đánh giá tiến độ",
    "m_status": ("Mỗi chỉ tiêu được so sánh giữa tốc độ tăng bình quân hằng năm đã đạt (tính từ năm gốc, mặc định "
                 "là {base} năm trước năm có số liệu mới nhất; nếu năm đó không có số liệu thì lấy năm gần nhất sau "
                 "đó) và tốc độ cần để đạt chỉ tiêu đúng hạn. Nếu tốc độ đã đạt bằng ít nhất {on} tốc độ cần: "
                 "«{on_track}»; từ {acc} đến dưới {on}: «{needs_acceleration}»; từ {lim} đến dưới {acc}: "
                 "«{limited_progress}»; thấp hơn hoặc đi lùi: «{deterioration}». Chỉ tiêu đã đạt được ghi là "
                 "«{target_achieved}», bất kể xu hướng. Cần ít nhất {n} điểm số liệu để đánh giá."),
    "m_unsd": ("Để đối chiếu, giá trị kỳ vọng ở năm thời hạn (kéo dài tốc độ tăng bình quân) được so với quãng "
               "đường từ năm gốc tới chỉ tiêu: đi được ít nhất {on} quãng đường là «{on_track}», từ {fair} đến dưới "
               "{on} là «{fair_progress}», dưới {fair} là «{stagnation}». Với chỉ tiêu bằng mức tối đa (như 100 %), "
               "giá trị cách mức đó không quá {tol} điểm phần trăm được coi là đạt."),
    "m_pace": ("Tốc độ cần là khoảng cách từ giá trị mới nhất tới chỉ tiêu chia cho số năm còn lại; tốc độ đã đạt "
               "là mức thay đổi bình quân mỗi năm từ năm gốc tới năm mới nhất."),
    "m_h_projection": "Dự báo và khả năng đạt",
    "m_projection": ("Dự báo chỉ được lập khi có ít nhất {n} điểm số liệu, đến năm {end}. Mô hình đơn giản được ưu "
                     "tiên vì chuỗi số liệu rất ngắn: xu hướng đường thẳng, xu hướng trên thang logit cho các tỷ lệ "
                     "(để giá trị luôn trong khoảng 0–100 %), tăng trưởng theo tỷ lệ không đổi cho các đại lượng "
                     "dương, bước ngẫu nhiên có xu hướng và giữ nguyên giá trị gần nhất. Khoảng dự báo 80 % và 95 % "
                     "tính theo phân phối Student với số bậc tự do của mô hình; {paths} đường mô phỏng cho biết năm "
                     "đầu tiên có thể đạt chỉ tiêu."),
    "m_probability": ("Khả năng đạt là xác suất giá trị năm thời hạn đạt chỉ tiêu (theo đúng dấu so sánh của Kế "
                      "hoạch: «trên 80 %» không đạt khi bằng đúng 80 %), tính từ phân phối dự báo. Đây là xác suất "
                      "có điều kiện: nếu xu hướng của số liệu hiện có tiếp diễn."),
    "m_h_backtest": "Chọn mô hình và kiểm định ngược",
    "m_backtest": ("Mỗi mô hình được kiểm tra bằng cách dự báo lại quá khứ: bắt đầu từ {train} điểm đầu tiên, dự "
                   "báo các năm sau (tối đa {horizon} năm) rồi so với số liệu thật. Chỉ khi có ít nhất {origins} "
                   "lần kiểm tra và {errors} giá trị được giữ lại, mô hình có sai số (MASE) nhỏ nhất mới được chọn; "
                   "nếu không, dùng mô hình xu hướng đơn giản nhất. Khi có ít nhất {widen} giá trị được giữ lại và "
                   "khoảng dự báo bao phủ ít hơn mức danh nghĩa, khoảng được nới rộng (tối đa {cap} lần)."),
    "m_h_evidence": "Độ vững của bằng chứng",
    "m_evidence": ("Mức độ: {levels}. Nếu có điểm là số liệu thay thế hoặc giả định, mức độ bị hạ một bậc; chuỗi "
                   "chỉ gồm các điểm như vậy tối đa là yếu."),
    "m_h_sources": "Nguồn phương pháp (nguyên văn trong params/methods.yaml)",
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
    "caveat_definition": ("Tỷ lệ lao động qua đào tạo của Huế theo định nghĩa rộng (kể cả đào tạo ngắn hạn không có "
                          "chứng chỉ), là cơ sở của chỉ tiêu «trên 80 %»; không so sánh trực tiếp với tỷ lệ lao "
                          "động có bằng cấp, chứng chỉ của Điều tra lao động – việc làm."),
    "caveat_proxy": ("Số liệu thay thế (proxy), thường là số liệu cả nước, chỉ để tham khảo: không bao giờ được "
                     "dùng để đánh giá chỉ tiêu của Huế và luôn được ghi rõ trên bảng và biểu đồ."),
    "caveat_estimate": "Số liệu ước tính (chấm rỗng trên biểu đồ) có thể thay đổi khi có số liệu chính thức.",
    "caveat_assumption": ("Giá trị giả định của một kịch bản không phải số liệu đo được; chúng được ghi là giả định "
                          "ở mọi nơi xuất hiện."),
    "caveat_intervals": ("Chuỗi số liệu rất ngắn nên khoảng dự báo có thể hẹp hơn thực tế; khi đủ số liệu, kiểm "
                         "định ngược cho biết tỷ lệ bao phủ thực tế và khoảng được nới rộng tương ứng."),
    "caveat_not_forecast": ("Các đánh giá mô tả điều sẽ xảy ra nếu xu hướng của số liệu hiện có tiếp diễn; đây "
                            "không phải dự báo chính thức hay nhận định về chính sách."),
    "caveat_break": ("{label}: chuỗi số liệu bị gãy tại {periods}; dự báo chỉ dùng số liệu từ sau điểm gãy khi còn "
                     "ít nhất 2 điểm."),
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
    "scenario_same": ("{n} chỉ tiêu còn lại chưa có số liệu của Huế ở mọi kịch bản nên chưa đánh giá được; xem bảng "
                      "theo dõi chỉ tiêu."),
    "scenario_sentence": ("{label}: năm {deadline} khoảng {median} (khoảng 80 %: {lo}–{hi}); khả năng đạt {p}; đánh "
                          "giá: {verdict}."),
    "scenario_no_projection": "{label}: chưa dự báo được.",
    "alt_scenario_item": "{label} khoảng {median} (khả năng đạt {p})",
    "alt_scenarios": ("Biểu đồ {title} theo các kịch bản: {n} điểm số liệu {span}, mới nhất {latest} ({status}); "
                      "đường trung vị của mỗi kịch bản đến năm {year}: {items}; chỉ tiêu {goal}."),
    "money_grdp": "GRDP dự báo năm thời hạn, {unit} (khoảng 80 %)",
    "money_rnd": "Chi R&D tương ứng, {unit} (khoảng 80 %)",
    "money_sentence": ("Năm {year}, nếu GRDP (giá hiện hành) theo xu hướng đạt khoảng {grdp} (khoảng 80 %: "
                       "{glo}–{ghi}), chi {share} cho R&D tương đương khoảng {money} (khoảng 80 %: {lo}–{hi})."),
    "money_none": "Chưa quy đổi được chỉ tiêu R&D ra tỷ đồng: chưa dự báo được GRDP của Huế.",
    "alt_money": ("Biểu đồ {title}: {n} điểm số liệu {span}, mới nhất {latest} ({status}); dự báo năm {year} khoảng "
                  "{median} (khoảng 80 % từ {lo80} đến {hi80}). Các điểm hình thoi ghi số tiền chi R&D tương ứng "
                  "với chỉ tiêu: {marks}."),
    "plan_says": "Kế hoạch ghi",
    "evidence_sentence": "Độ vững của bằng chứng: {level} — {n} điểm số liệu ({statuses}), mới nhất năm {year}.",
    "model_sentence": "Mô hình dự báo: {model}.",
    "hue": "Huế",
    "national_series": "Cả nước",
    "alt_level_one": "Biểu đồ {title}: 1 điểm số liệu của Huế (năm {last}): {latest} ({status}); chỉ tiêu {goals}.",
    "cumulative_total": "Số cộng dồn của Huế",
    "no_hue_data_title": "Huế chưa có số liệu",
    "alt_level": "Biểu đồ {title}: {n} điểm số liệu của Huế {span}, mới nhất {latest} ({status}); chỉ tiêu {goals}.",
    "alt_fan": ("Dự báo năm {year}: khoảng {median}, khoảng 80 % từ {lo80} đến {hi80}, khoảng 95 % từ {lo95} đến "
                "{hi95}."),
    "alt_required": "Đường chấm là lộ trình cần thiết để đạt chỉ tiêu.",
    "alt_national": "Đường xám là số liệu cả nước: {n} điểm, mới nhất {latest} năm {last}.",
    "alt_proxy": ("Biểu đồ {title}: Huế chưa có số liệu; hình chỉ vẽ số liệu thay thế (proxy) «{proxy}», {n} điểm "
                  "{span}, mới nhất {latest}, cùng chỉ tiêu {goals}."),
    "span_one": "năm {year}",
    "span_many": "từ năm {first} đến năm {last}",
    "alt_cumulative": ("Biểu đồ {title}: số cộng dồn của Huế từ năm {start} là {total} đến năm {year}; chỉ tiêu "
                       "{goals}; đường chấm là lộ trình cần thiết."),
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
    "projection_sentence": ("{lead}, năm {deadline} chỉ số ở mức khoảng {median} (khoảng 80 %: {lo}–{hi}); khả năng "
                            "đạt chỉ tiêu khoảng {p}."),
    "too_few_points": "Mới có {n} điểm số liệu, chưa đủ để dự báo xu hướng.",
    "one_point": "Mới có 1 điểm số liệu, chưa đủ để dự báo xu hướng.",
    "assumption_scenario": "Giá trị năm {years} là giả định của {label}, không phải số liệu đo được.",
    "assumption_data": "Giá trị năm {years} được ghi trong số liệu là giả định, không phải số liệu đo được.",
    "cumulative_one_year": "{subject}: {total} trong năm {year}",
    "cumulative_now": "{subject}: {total} cộng dồn từ năm {start} đến năm {year}",
    "cumulative_missing": ("Năm {years} chưa có báo cáo; số liệu các năm này được coi là chưa biết, không phải bằng "
                           "0."),
    "milestone_not_yet": "{subject}: chưa hoàn thành theo báo cáo năm {year}; thời hạn là năm {deadline}.",
    "milestone_achieved": "{subject}: đã hoàn thành năm {achieved} (thời hạn năm {deadline}).",
    "milestone_overdue": "{subject}: chưa hoàn thành dù đã quá thời hạn năm {deadline}.",
    "gaps_sentence": ("Huế mới có số liệu đo được cho {with_data}/{n} chỉ tiêu; {without} chỉ tiêu còn lại chưa thể "
                      "đánh giá. Số liệu còn thiếu cần báo cáo định kỳ của {who} theo mục V của Kế hoạch."),
    "qualitative_count": ("{n} mục tiêu định tính không có con số để đo; chúng được đánh giá qua báo cáo định kỳ "
                          "của các sở, ngành."),
    "needs_short": "cần báo cáo của {who}",
    "pp_short": "điểm %",
    "per_year": " mỗi năm",
    "per_year_short": "/năm",
    "total_since": "cộng dồn {start}–{year}",
    "section_2030": "Mục tiêu đến năm 2030 (mục II.2)",
    "section_2035": "Mục tiêu giai đoạn 2030–2035 (mục II.3)",
    "section_2045": "Định hướng đến năm 2045 (mục II.4)",
    "sc_projection": "Dự báo năm thời hạn (khoảng 80 %)",
    "sc_p_meet": "Khả năng đạt",
    "sc_required": "Tốc độ cần",
    "sc_observed": "Tốc độ đã đạt",
    "sc_verdict": "Đánh giá",
    "sc_evidence": "Độ vững của bằng chứng",
    "sc_legend": ("Đánh giá: {marks}. Chữ nghiêng: có số liệu thay thế hoặc giả định. Khả năng đạt là xác suất giá "
                  "trị năm thời hạn đạt chỉ tiêu, theo xu hướng của số liệu hiện có."),
    "h_coverage_chart": "Các năm có số liệu, theo chuỗi",
    "alt_coverage": ("Biểu đồ chấm: các năm có số liệu của {n} chuỗi số liệu (chỉ số theo địa bàn), tổng cộng "
                     "{points} điểm từ năm {first} đến năm {last}; {hue} chỉ số có số liệu của Huế. Chấm đặc là số "
                     "liệu chính thức, chấm rỗng là ước tính."),
    "wards_reported": "{done}/{total} xã, phường đã gửi báo cáo định kỳ (mục V.5 của Kế hoạch).",
    "h_wards": "Báo cáo của các xã, phường",
    "yes": "có",
    "no": "chưa",
    "col_ward": "Xã, phường",
    "col_reported": "Đã báo cáo",
    "col_indicators": "Chỉ số",
    "col_years": "Năm",
    "col_received": "Ngày nhận gần nhất",
    "h_sources": "Nguồn số liệu",
    "col_source_id": "Mã nguồn",
    "col_title": "Tài liệu",
    "col_publisher": "Cơ quan, người báo cáo",
    "col_published": "Ngày công bố",
    "col_address": "Địa chỉ",
    "cli_data": "Số liệu {where}: {n} điểm, {first}–{last}; mới nhất {value} ({year}, {status}). Bằng chứng: {ev}.",
    "cli_no_data_geo": "Chưa có số liệu cho {geo}.",
    "cli_data_assumed": ("Chỉ có giá trị giả định (không phải số liệu đo được): {n} điểm, {first}–{last}; mới nhất "
                         "{value} ({year}). Bằng chứng: {ev}."),
    "cli_no_data": "Chưa có số liệu của Huế — chưa thể đánh giá chỉ tiêu này.",
    "cli_qualitative": "Mục tiêu định tính, không có chỉ số đo.",
    "cli_assumption": "Lưu ý: chuỗi có giá trị giả định của kịch bản «{name}» (không phải số liệu đo được).",
    "cli_growth": ("Tăng trưởng bình quân (Open SDG/Eurostat, năm gốc {base}): thực tế {obs}/năm, cần {req}/năm; tỷ "
                   "số {ratio} → {status}."),
    "cli_growth_na": "Tăng trưởng bình quân (Open SDG/Eurostat): {status}.",
    "cli_unsd": "Giá trị kỳ vọng năm {deadline} (UNSD): {value}; tỷ số {ratio} → {status}.",
    "cli_pace": "Nhịp độ: thực tế {obs}/năm, cần {req}/năm từ nay đến {deadline}; hệ số tăng tốc {factor}.",
    "cli_projection": ("Dự báo năm {deadline} — {model}: {median} (khoảng 80 %: {lo80}–{hi80}; khoảng 95 %: "
                       "{lo95}–{hi95})."),
    "cli_pace_required": "Nhịp độ cần thiết: {req}/năm từ nay đến {deadline}.",
    "cli_widened": "Khoảng dự báo đã được nới rộng ×{factor} theo kiểm định ngược.",
    "cli_adjusted": "Điều chỉnh của kịch bản: {what}.",
    "cli_prob": ("Xác suất đạt vào năm {deadline}: {p}; đạt vào bất kỳ năm nào đến {deadline}: {p_by}; năm đạt "
                 "(trung vị): {year}."),
    "cli_backtest": ("Kiểm định ngược: {origins} điểm gốc, {errors} giá trị kiểm tra; MASE {mase}; độ phủ khoảng 80 "
                     "%: {c80}, 95 %: {c95}."),
    "cli_too_little": "Quá ít số liệu để chọn mô hình bằng kiểm định ngược: dùng mô hình xu hướng đơn giản nhất.",
    "cli_no_projection": "Không dự báo: {why}.",
    "cli_cumulative": ("Cộng dồn từ {start}: {total} ({years}); nhịp độ đến nay {so_far}/năm, cần {need}/năm → "
                       "{status}."),
    "cli_cumulative_na": "Cộng dồn: {status} ({why}).",
    "cli_milestone": "Mốc: {status}.",
    "cli_money": ("Quy đổi: {share} GRDP năm {year} ≈ {median} tỷ đồng (khoảng 80 %: {lo80}–{hi80}), theo dự báo "
                  "GRDP ({model})."),
    "cli_proxy": ("↳ Số liệu thay thế (proxy), chỉ để tham khảo, không phải tình trạng của Huế: {label}: {value} "
                  "({year}){proj}."),
    "cli_proxy_proj": "; xu hướng đến {year}: {median}",
    "cli_after": "sau {year}",
    "cli_summary": "{n} mục tiêu/trình độ; {data} có số liệu của Huế; kịch bản: {scenario}.",
    "cli_scenario": "Kịch bản: {label}",
    "change_sentence": "Đánh giá đã thay đổi từ «{before}» sang «{after}» sau số liệu ngày {date}.",
    "seed_data": "số liệu gốc",
    "history_target": "Mục tiêu",
    "history_change": "Thay đổi",
    "history_changed": "đã thay đổi",
    "history_none": "Chưa có báo cáo định kỳ nào của các sở, ngành, địa phương: mọi đánh giá dựa trên số liệu gốc.",
    "history_stable": "Không đánh giá nào thay đổi sau số liệu cập nhật ngày {dates}.",
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
    Why.FIT_GAPS: "mô hình {model} cần số liệu các năm liên tiếp (chuỗi bị thiếu năm)",
    Why.FIT_NOT_CONVERGED: "mô hình {model}: thuật toán ước lượng không hội tụ",
    Why.FIT_ERROR: "mô hình {model}: lỗi tính toán ({error})",
    Why.FIT_BAD_VARIANCE: "mô hình {model}: phương sai dự báo không dương",
    Why.TOO_LITTLE_HISTORY: ("chưa đủ lịch sử để chọn mô hình bằng kiểm định ngược ({n} điểm, {origins} lần kiểm "
                             "tra, {errors} giá trị giữ lại; cần {min_origins} lần kiểm tra và {min_errors} giá "
                             "trị): dùng mô hình {model}, mô hình đơn giản nhất phù hợp với chuỗi"),
    Why.LOWEST_MASE: "sai số MASE nhỏ nhất trên {n} giá trị giữ lại chung ({scores})",
    Why.COVERAGE_NOT_ESTIMABLE: ("chưa ước lượng được độ bao phủ: {n} giá trị giữ lại, ít hơn {need}; khoảng dự báo "
                                 "không được nới rộng"),
    Why.COVERAGE_AT_NOMINAL: "độ bao phủ khi kiểm định ngược đạt mức danh nghĩa: khoảng dự báo không được nới rộng",
    Why.WIDENED: ("độ bao phủ khi kiểm định ngược {c80} (khoảng 80 %) và {c95} (khoảng 95 %): khoảng dự báo được "
                  "nới rộng ×{factor}"),
    Why.WIDENED_CAPPED: ("độ bao phủ khi kiểm định ngược {c80} (khoảng 80 %) và {c95} (khoảng 95 %): khoảng dự báo "
                         "được nới rộng ×{factor} (mức tối đa; cần ×{needed})"),
    Why.NO_BACKTEST: "không có kiểm định ngược",
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
}
