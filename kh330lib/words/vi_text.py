"""Tiếng Việt: every phrase and sentence of the Vietnamese briefs, by key (with vi_console.py: `vi.TEXT`)."""

# Every other phrase and sentence of the briefs, by key.
TEXT = {
    "not_assessed_because": "Chưa đánh giá được tiến độ: {why}.",
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
    # The baseline where params/scenarios/baseline.yaml (which carries its labels) is missing.
    "scenario_builtin_baseline": "Kịch bản cơ sở (theo xu hướng)",
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
    # A proxy series in the audit's table: its years of data and the latest one.
    "proxy_years": "{label}: {n} năm số liệu, mới nhất năm {year}",
    "proxy_years_one": "{label}: số liệu năm {year}",
    # A series break's period: `2015Q1` → `quý 1/2015`, `2017` → `năm 2017` (words.period_text).
    "period_quarter": "quý {quarter}/{year}",
    "period_year": "năm {year}",
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
    "audit_targets": "Kế hoạch có {count}.",
    "audit_weak": "{n} quan sát là số liệu thay thế hoặc giả định; chúng được ghi rõ trên mọi bảng và biểu đồ.",
    "no_data_sentence": "Huế chưa có số liệu về {label}, nên chưa thể đánh giá chỉ tiêu {goal}.",
    "proxy_sentence": ("Để tham khảo (không dùng để đánh giá): {label} là {value} năm {year} — số liệu thay thế, "
                       "không phải số liệu của Huế."),
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
    "print_details_left_out": ("Bản in lược bớt hai bảng chi tiết (số liệu Huế còn thiếu và đánh giá qua các lần cập "
                               "nhật số liệu); xem các bảng này trong bản điện tử và bản tóm tắt kiểm tra số liệu."),
    "qualitative_cell": "Mục tiêu định tính, không có con số để đo: đánh giá qua báo cáo định kỳ của các sở, ngành.",
    "h_scorecard": "Toàn bộ chỉ tiêu của Kế hoạch",
    "h_topic_scorecard": "Các chỉ tiêu của chủ đề này",
    "h_money": "Quy đổi chỉ tiêu R&D ra tỷ đồng",
    "h_adjustments": "Các kịch bản và giả định của từng kịch bản",
    "h_scenario_table": "Kết quả theo từng kịch bản",
    "evidence_rule": ("{level}: ít nhất {n} điểm số liệu, điểm mới nhất cách năm số liệu mới nhất của bộ dữ liệu "
                      "không quá {age} năm"),
    "evidence_rule_any_age": "{level}: ít nhất {n} điểm số liệu, bất kể năm nào",
    "m_h_status": "Tốc độ: để giải thích kết luận, không phải một kết luận khác",
    "m_status": ("Tốc độ tăng bình quân hằng năm đã đạt (tính từ năm gốc, mặc định là {base} năm trước năm có số liệu "
                 "mới nhất; nếu năm đó không có số liệu thì lấy năm gần nhất sau đó) được so với tốc độ cần để đạt "
                 "chỉ tiêu đúng hạn (theo cách của Open SDG và Eurostat). Tỷ số này giải thích kết luận: từ {on} trở "
                 "lên là theo kịp tốc độ cần, từ {acc} đến dưới {on} là cần nhanh hơn, từ {lim} đến dưới {acc} là "
                 "tiến triển chậm, dưới {lim} là đi ngược; cần ít nhất {n} điểm số liệu. Kết luận của mỗi chỉ tiêu "
                 "chỉ có một, theo khả năng đạt (xem phần dưới); chỉ tiêu đã đạt được ghi là «{target_achieved}»."),
    "m_unsd": ("Để đối chiếu, giá trị kỳ vọng ở năm thời hạn (kéo dài tốc độ tăng bình quân) được so với quãng "
               "đường từ năm gốc tới chỉ tiêu: đi được ít nhất {on} quãng đường là «{on_track}», từ {fair} đến dưới "
               "{on} là «{fair_progress}», dưới {fair} là «{stagnation}». Với chỉ tiêu bằng mức tối đa (như 100 %), "
               "giá trị cách mức đó không quá {tol} điểm phần trăm được coi là đạt."),
    "m_pace": ("Tốc độ cần là khoảng cách từ giá trị mới nhất tới mức cần đạt chia cho số năm còn lại; mức cần đạt "
               "là giá trị nhỏ nhất đáp ứng chỉ tiêu: chính chỉ tiêu với yêu cầu “ít nhất”, cao hơn chỉ tiêu một bước "
               "báo cáo ({step} với tỷ lệ và giá trị đo, 1 với số đếm) với yêu cầu “trên”, vì bằng chỉ tiêu thì "
               "chưa đạt. Tốc độ đã đạt là mức thay đổi bình quân mỗi năm từ năm gốc tới năm mới nhất."),
    "m_h_projection": "Dự báo và khả năng đạt",
    "m_projection": ("Mỗi chuỗi có ít nhất {n} điểm số liệu được dự báo đến năm {end}. Chuỗi của Huế quá ngắn để tự "
                     "nói lên xu hướng, nên bộ dự báo học từ các chuỗi tương tự trong nhóm tham chiếu của chỉ tiêu: "
                     "mỗi chuỗi được xem là một mức và một độ dốc (mức tăng mỗi năm), cả hai dao động ngẫu nhiên; độ "
                     "dốc thường gặp và mức dao động của các chuỗi cùng nhóm ({window} năm gần nhất của mỗi chuỗi) "
                     "được dùng làm điểm xuất phát; độ dốc riêng của chuỗi mỗi năm trở về gần độ dốc chung (giữ lại "
                     "{phi} khoảng cách mỗi năm), và độ dốc chung chỉ được giữ {kappa} vì một bước tăng chung của "
                     "cả nhóm có thể chỉ là nhất thời. Dự báo này được trộn với các mô hình riêng của chuỗi theo "
                     "trọng số chọn để sai số dự báo nhỏ nhất trên các nhóm chuỗi tham chiếu: {weights}. Với các tỷ "
                     "lệ, mọi giá trị dự báo luôn nằm trong khoảng 0–100 %. Khoảng dự báo không bao giờ "
                     "hẹp hơn sai số do điều chỉnh số liệu ({floor}); {paths} đường mô phỏng cho biết năm đầu tiên "
                     "có thể đạt chỉ tiêu."),
    "m_probability": ("Khả năng đạt là xác suất giá trị năm thời hạn đạt chỉ tiêu (theo đúng dấu so sánh của Kế "
                      "hoạch: «trên 80 %» không đạt khi bằng đúng 80 %), tính từ phân phối kết hợp, nếu xu hướng "
                      "của số liệu hiện có tiếp diễn. Khi chuỗi có ít hơn {points} điểm, hoặc các mô hình và các "
                      "trường hợp kiểm tra độ nhạy cho kết quả chênh nhau quá {range} điểm phần trăm, bản tóm tắt "
                      "chỉ nêu mức khả năng bằng lời kèm khoảng, theo các mức sau: {bands}. Các trường "
                      "hợp kiểm tra độ nhạy: bỏ lần lượt từng điểm số liệu; tăng hoặc giảm mỗi số ước tính bằng sai "
                      "số do điều chỉnh số liệu; dùng cả số liệu trước một điểm gãy của chuỗi."),
    "m_h_backtest": "Kiểm định trên các nhóm chuỗi tham chiếu: khả năng có đáng tin không?",
    "m_backtest": ("Mỗi khoảng dự báo được nhân với một hệ số theo số năm dự báo ({factors}), chọn để khoảng 80 % "
                   "chứa đúng 80 % giá trị thật trên các nhóm chuỗi tham chiếu (mỗi nhóm có trọng số như nhau), rồi "
                   "với hệ số riêng của nhóm số liệu đang dự báo: tỷ lệ khoảng 80 % chứa giá trị thật khi dự báo lại "
                   "{local} năm gần nhất của chính nhóm đó, co về 1 khi có ít sai số để dựa vào. Để kiểm định, bộ dự "
                   "báo được chạy lại tại mọi năm của mọi chuỗi trong các nhóm, chỉ với số liệu đến năm đó (4 điểm "
                   "cuối như chuỗi của Huế, hoặc cả chuỗi), bỏ khỏi nhóm phần năm chuỗi chứa chuỗi đang dự báo, và "
                   "mỗi nhóm được chấm với các hệ số chọn trên các nhóm còn lại. Kết quả ở bảng dưới: tỷ lệ khoảng "
                   "80 % và 50 % chứa giá trị thật, và điểm Brier của xác suất «tăng thêm ít nhất D điểm» so với "
                   "bước ngẫu nhiên không xu hướng và với tần suất tăng như vậy trong lịch sử của nhóm trước năm dự "
                   "báo (mức cải thiện 1 − Brier ÷ Brier đối chứng; dương là tốt hơn)."),
    "band_gives": "«{band}» là «{verdict}»",
    "sk_all": "Tất cả các nhóm",
    "sk_rise": "tăng ≥ {d}: {rw} so với bước ngẫu nhiên, {cl} so với tần suất lịch sử",
    "sk_no_event": "tăng ≥ {d}: nhóm không có lần tăng nào như vậy",
    "sk_window_4": "4 điểm cuối",
    "sk_window_full": "cả chuỗi",
    "sk_pool": "Nhóm chuỗi tham chiếu",
    "sk_window": "Số liệu dùng",
    "sk_n": "Số dự báo",
    "sk_skill": "Mức cải thiện điểm Brier của xác suất tăng (dương là tốt hơn)",
    "sk_years": "{years} năm sau",
    "sk_horizon": "Số năm dự báo",
    "sk_no_skill": "Nơi bộ dự báo không tốt hơn cách đối chứng:",
    "sk_all_skill": "Trên mọi nhóm, bộ dự báo tốt hơn cả hai cách đối chứng.",
    "sk_gap_no_events": "{pool} ({window}): không có lần tăng ≥ {d} nào, nên không đo được",
    "sk_gap_random_walk": "{pool} ({window}), tăng ≥ {d}: không tốt hơn bước ngẫu nhiên ít nhất 0,05",
    "sk_gap_climatology": "{pool} ({window}), tăng ≥ {d}: kém hơn tần suất tăng trong lịch sử của nhóm",
    "rel_rise": "tăng ≥ {d} điểm",
    "h_reliability": "Xác suất dự báo và tần suất thực tế của việc tăng",
    "rel_x": "xác suất dự báo",
    "rel_y": "tỷ lệ đã xảy ra",
    "rel_diagonal": "xảy ra đúng như xác suất",
    "alt_reliability": ("Biểu đồ so sánh xác suất «tăng thêm ít nhất 2 hoặc 5 điểm» mà bộ dự báo đưa ra với tỷ lệ "
                        "thực tế đã xảy ra, trên {n} dự báo của các nhóm chuỗi tham chiếu; càng gần đường chéo càng "
                        "đáng tin."),
    "outside_label": "Nhìn từ bên ngoài:",
    "ovs_none": "Tham chiếu: không có trường hợp tương tự",
    "ovs_counted": "Tham chiếu: {k}/{n} trường hợp tương tự tăng ≥ {rise} trong {years} năm",
    "ovs_observed": " (có số liệu tối đa {years} năm)",
    "ovs_few": "Tham chiếu: {n} trường hợp tương tự, quá ít",
    "ovs_national": " (từ mức cả nước {value} năm {year})",
    "m_h_verdict": "Một kết luận cho mỗi chỉ tiêu",
    "m_verdict": ("Kết luận của mỗi chỉ tiêu đo được theo mức khả năng đạt chỉ tiêu đúng hạn: {rules}. Chỉ tiêu đã "
                  "đạt là «{met}»; không có số liệu, hoặc quá ít điểm để dự báo, thì «{none}». Tốc độ và tỷ số tăng "
                  "trưởng ở trên chỉ giải thích kết luận. Khoảng ghi kèm mức khả năng (ví dụ «15–95 %») là khả năng "
                  "theo từng mô hình riêng lẻ và từng phép thử độ nhạy, không phải khả năng của chỉ tiêu."),
    "m_outside": ("Nhìn từ bên ngoài: bên cạnh khả năng, bản tóm tắt đếm trong nhóm tham chiếu có bao nhiêu trường hợp "
                  "tương tự (một chuỗi ở năm đầu tiên nó ở mức cách giá trị mới nhất không quá {level} điểm, và, "
                  "khi biết tốc độ của Huế, tăng mỗi năm cách tốc độ đó không quá {pace} điểm trong {years} năm "
                  "trước đó, có ít nhất {follow} năm số liệu sau đó) và bao nhiêu trường hợp trong số đó đã tăng "
                  "thêm ít nhất mức còn thiếu trong số năm còn lại; ít hơn {cases} trường hợp thì không so sánh. "
                  "Đây là con số đếm được, không phải mô hình. Khi Huế chưa có số liệu mà cả nước có, việc đếm "
                  "tính từ điểm xuất phát của cả nước, được ghi rõ như vậy, không bao giờ coi là số liệu của Huế "
                  "và không kèm kết luận."),
    "m_h_evidence": "Độ vững của bằng chứng",
    "m_evidence": ("Mức độ: {levels}. Nếu có điểm là số liệu thay thế hoặc giả định, mức độ bị hạ một bậc; chuỗi "
                   "chỉ gồm các điểm như vậy tối đa là yếu."),
    "m_h_sources": "Nguồn phương pháp",
    "m_source_missing_vi": "Nguồn của phần này chưa có mô tả tiếng Việt; xem bản tiếng Anh của tài liệu.",
    "bt_none": "Chưa có chuỗi số liệu nào của Huế đủ dài để dự báo.",
    "m_col_status": "Kết luận (theo khả năng đạt)",
    "m_col_ratio": "Tỷ số tốc độ",
    "m_col_unsd": "Tỷ số theo giá trị kỳ vọng (UNSD)",
    "m_col_expected": "Giá trị năm thời hạn nếu giữ tốc độ tăng đã đạt (UNSD)",
    "m_expected_cell": ("{value} (nếu đến năm {deadline} vẫn tăng với tốc độ bình quân của giai đoạn {span}; không "
                        "phải dự báo)"),
    "caveat_definition": ("Tỷ lệ lao động qua đào tạo của Huế theo định nghĩa rộng (kể cả đào tạo ngắn hạn không có "
                          "chứng chỉ), là cơ sở của chỉ tiêu «trên 80 %»; không so sánh trực tiếp với tỷ lệ lao "
                          "động có bằng cấp, chứng chỉ của Điều tra lao động – việc làm."),
    "caveat_proxy": ("Số liệu thay thế, thường là số liệu cả nước, chỉ để tham khảo: không bao giờ được "
                     "dùng để đánh giá chỉ tiêu của Huế và luôn được ghi rõ trên bảng và biểu đồ."),
    "caveat_estimate": "Số liệu ước tính (chấm rỗng trên biểu đồ) có thể thay đổi khi có số liệu chính thức.",
    "caveat_assumption": ("Giá trị giả định của một kịch bản không phải số liệu đo được; chúng được ghi là giả định "
                          "ở mọi nơi xuất hiện."),
    "caveat_intervals": ("Chuỗi số liệu của Huế rất ngắn: khả năng đạt được nêu bằng mức khả năng kèm khoảng, không "
                         "bằng một con số, và khoảng dự báo được hiệu chỉnh theo kiểm định trên số liệu thực của "
                         "các tỉnh."),
    "caveat_not_forecast": ("Các đánh giá mô tả điều sẽ xảy ra nếu xu hướng của số liệu hiện có tiếp diễn; đây "
                            "không phải dự báo chính thức hay nhận định về chính sách."),
    "caveat_break": ("{label}: chuỗi số liệu bị gãy tại {periods}; dự báo chỉ dùng số liệu từ sau điểm gãy khi còn "
                     "ít nhất 2 điểm."),
    "h_methods_backtest": "Bộ dự báo được kiểm định trên các nhóm chuỗi tham chiếu",
    "h_methods_two": "Kết luận và hai cách đo tốc độ giải thích nó",
    "h_caveats": "Lưu ý về số liệu",
    "adj_extra": "cộng thêm {change} từ năm {year}",
    "adj_multiplier": "xu hướng thay đổi nhanh gấp {m} lần từ năm {year}",
    "adj_straight": "đi theo đường thẳng từ giá trị mới nhất tới chỉ tiêu",
    "adj_assumed": "giá trị giả định (không phải số liệu đo được): {values}",
    "adj_none": "không điều chỉnh: mỗi chỉ số theo xu hướng của chính nó",
    "adj_change": "Điều chỉnh",
    "adj_rationale": "Lý do",
    "scenario_same": ("{n}/{total} chỉ tiêu chưa có số liệu của Huế nên chưa đánh giá được ({qual} chỉ tiêu khác "
                      "là định tính); bảng trên chỉ gồm các chỉ tiêu có số liệu hoặc có giá trị giả định của "
                      "kịch bản. Xem bảng theo dõi chỉ tiêu."),
    "scenario_sentence": ("{label}: năm {deadline} khoảng {median} (khoảng 80 %: {lo}–{hi}); khả năng đạt: {p}; "
                          "đánh giá: {verdict}."),
    "scenario_no_projection": "{label}: chưa dự báo được.",
    "alt_scenario_item": "{label} khoảng {median} (khả năng đạt: {p})",
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
    "national_reference": "tham chiếu quốc gia",
    "national_panel_title": "Cả nước — tham chiếu quốc gia (không so với chỉ tiêu của Huế)",
    "reference_chart_title": "{label} — {reference}",
    "proxy_target_note": ("Hình chỉ vẽ số liệu {reference} vì Huế chưa có số liệu; chỉ tiêu của Huế ({goals}) "
                          "không vẽ trên hình vì không so được với số liệu này."),
    "chart_source": "Nguồn",
    "chart_status": "Tình trạng số liệu",
    "chart_projection": "dự báo (mô hình)",
    "chart_csv": "Tải số liệu (CSV)",
    "chart_target_series": "chỉ tiêu",
    "chart_required_series": "lộ trình cần thiết",
    "money_no_basis_short": "không có cơ sở để đưa ra con số",
    "money_about": "khoảng {median} ({lo}–{hi})",
    "money_no_basis": ("Không có cơ sở để đưa ra con số: năm {year} cách số liệu GRDP mới nhất (năm {last}) "
                       "hơn {n} năm."),
    "money_rounding_note": ("Số tiền làm tròn đến {step} tỷ đồng, kèm khoảng dự báo 80 %; chỉ tính đến năm "
                            "{horizon} ({n} năm sau số liệu GRDP mới nhất, năm {last}), vì xa hơn khoảng dự báo "
                            "chưa được kiểm chứng."),
    "money_target_year": "Năm {year}",
    "alt_proxy": ("Biểu đồ {title}: Huế chưa có số liệu; hình chỉ vẽ số liệu thay thế «{proxy}», {n} điểm "
                  "{span}, mới nhất {latest}, cùng chỉ tiêu {goals}."),
    "span_one": "năm {year}",
    "span_many": "từ năm {first} đến năm {last}",
    "alt_cumulative": ("Biểu đồ {title}: số cộng dồn của Huế từ năm {start} là {total} đến năm {year}; chỉ tiêu "
                       "{goals}; đường chấm là lộ trình cần thiết."),
    "verb_>": "vượt",
    "verb_>=": "đạt",
    "verb_<": "xuống dưới",
    "verb_<=": "giảm còn",
    # The comparator of a target in words, as Plan 330 section II words it ("trên 80%", "ít nhất 2,5%",
    # "tối thiểu 20%", "≥ 3,0%"): used by phrases.comparator_text, the one place a goal's comparator is said.
    "cmp_>": "trên",
    "cmp_>=": "ít nhất",
    "cmp_<": "dưới",
    "cmp_<=": "không quá",
    # A whole share (`100 %`), which the plan states without a comparator (phrases.goal_comparator).
    "cmp_full": "đạt",
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
                            "đạt chỉ tiêu: {p}."),
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
    "gaps_sentence": ("Huế mới có số liệu cho {with_data}/{total} chỉ tiêu; {without} chỉ tiêu chưa có số liệu nên "
                      "chưa thể đánh giá. Số liệu còn thiếu cần báo cáo định kỳ của {who} theo mục V của Kế hoạch."),
    "qualitative_count": ("{n} chỉ tiêu định tính không có con số để đo; chúng được đánh giá qua báo cáo định kỳ "
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
    "sc_legend": ("Đánh giá (theo khả năng đạt): {marks}. Chữ nghiêng: có số liệu thay thế hoặc giả định. Khả năng "
                  "đạt: mức khả năng nếu xu hướng tiếp diễn; khoảng trong ngoặc là của từng mô hình, từng phép thử."),
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
    "h_units": "Đánh giá theo xã, phường",
    "units_none": ("Chưa xã, phường nào có số liệu cho chỉ tiêu nào của Kế hoạch. Khi báo cáo định kỳ của các xã, "
                   "phường (mục V.5) được tiếp nhận, phần này đánh giá từng chỉ tiêu trên số liệu riêng của từng xã, "
                   "phường."),
    "units_summary": ("{done}/{total} xã, phường có số liệu cho ít nhất một chỉ tiêu. Mỗi dòng đánh giá chỉ tiêu "
                      "của thành phố trên số liệu riêng của một xã, phường, cùng phương pháp với bảng trên; xã, "
                      "phường chưa có số liệu cho chỉ tiêu thì không có dòng."),
    "units_counts": "{n} xã, phường có số liệu: {counts}",
    "units_city": "cộng từ báo cáo của {reported}/{total} xã, phường: {value} năm {year}",
    "units_count_target": ("{target}, {goal}: chỉ tiêu của cả thành phố, nên không so riêng từng xã, phường với "
                           "chỉ tiêu"),
    "print_units_left_out": "Bản in lược bớt bảng đánh giá theo xã, phường; xem bảng này trong bản điện tử.",
    "h_sources": "Nguồn số liệu",
    "col_source_id": "Mã nguồn",
    "col_title": "Tài liệu",
    "col_publisher": "Cơ quan, người báo cáo",
    "col_published": "Ngày công bố",
    "col_address": "Địa chỉ",
    "col_year": "Năm",
    "source_year_unknown": "không rõ năm",
    "tech_summary": "Thông tin kỹ thuật",
    "break_no_note": "chuỗi số liệu bị gián đoạn (chưa có ghi chú tiếng Việt)",
    "sources_tech": "Mã nguồn và địa chỉ trên mạng của từng tài liệu",
    "ov_level": "ở mức {lo}–{hi}",
    "ov_pace": ", tăng {lo}–{hi} {unit} mỗi năm trong những năm trước đó",
    "ov_counted": ("Trong {n} trường hợp tương tự thuộc nhóm «{pool}» ({similar}), {k} trường hợp đã tăng thêm ít nhất "
                   "{rise} trong {years} năm."),
    "ov_observed": " (nhóm này chỉ có số liệu nhiều nhất {years} năm sau đó).",
    "ov_few": "Nhóm «{pool}» chỉ có {n} trường hợp tương tự ({similar}): quá ít để so sánh.",
    "ov_none": "Nhóm «{pool}» không có trường hợp nào tương tự ({similar}) để so sánh.",
    "ov_national": "Tính từ điểm xuất phát của cả nước ({value}, năm {year}; không phải số liệu của Huế): ",
    "change_sentence": "Đánh giá đã thay đổi từ «{before}» sang «{after}» sau số liệu ngày {date}.",
    "seed_data": "số liệu gốc",
    "history_target": "Mục tiêu",
    "history_change": "Thay đổi",
    "history_changed": "đã thay đổi",
    "history_none": "Chưa có báo cáo định kỳ nào của các sở, ngành, địa phương: mọi đánh giá dựa trên số liệu gốc.",
    "history_stable": "Không đánh giá nào thay đổi sau số liệu cập nhật ngày {dates}.",
    "m_calibration_none": "Chưa kiểm định được: chưa có nhóm chuỗi tham chiếu nào được khai báo.",
    "h_calibration_table": "Tỷ lệ giá trị thật nằm trong khoảng dự báo, theo mô hình và số năm dự báo",
    "cal_cov50": "Khoảng 50 %",
    "cal_cov80": "Khoảng 80 %",
    "cal_h": "{h} năm",
    "h_own_backtest": "Kiểm định trên chính chuỗi số liệu của Huế",
    "bt_series": "Chuỗi số liệu",
    "bt_held_out": "Số giá trị giữ lại",
    "bt_result": "Kết quả",
    "bt_coverage": "khoảng 80 % chứa {c80}, khoảng 50 % chứa {c50} giá trị thật",
    "h_sensitivity": "Điều gì có thể thay đổi kết luận này",
    "sens_case": "Trường hợp",
    "sens_p": "Khả năng đạt",
    "sens_all": "Tất cả số liệu, kết hợp các mô hình",
    "sens_model": "Chỉ theo mô hình: {model}",
    "sens_note": ("Khả năng đạt chỉ tiêu năm {deadline} khi thay đổi cách tính hoặc số liệu; mức chung là {band}, "
                  "khoảng {range}."),
    "chance_number_short": "khoảng {p}",
    "chance_band": "{band} (từng mô hình, từng phép thử: {range})",
    "chance_number": "khoảng {p} (từng mô hình, từng phép thử: {range})",
    "h_context": "Tỷ lệ lao động có bằng cấp, chứng chỉ: Huế và các địa phương lân cận, 2008–2016",
    "context_note": "Để tham khảo: {definition} Nguồn: {source}; năm 2016 là số liệu sơ bộ. {break_note}",
    "alt_context": ("Biểu đồ đường: tỷ lệ lao động có bằng cấp, chứng chỉ 2008–2016 của {areas}. Huế: {hue_first} "
                    "năm {first}, {hue_last} năm {last}."),
    "band_from": "{band} (từ {p})",
    "band_below": "{band} (dưới {p})",
    "list_or": " hoặc ",
    "h_contract": "Số liệu dạng JSON cho các chương trình khác",
    "m_contract": ("Các chương trình khác có thể lấy kết quả đánh giá dưới dạng dữ liệu máy đọc được (định dạng "
                   "JSON). Với mỗi chỉ tiêu, dữ liệu gồm: xác suất đạt theo phân phối kết hợp (từ 0 đến 1); mức "
                   "khả năng bằng lời; khoảng thấp nhất – cao nhất giữa các mô hình và các trường hợp kiểm tra độ "
                   "nhạy; xác suất và trọng số của từng mô hình; xác suất của từng trường hợp kiểm tra độ nhạy; và "
                   "kết quả hiệu chỉnh (tập chuỗi dùng để hiệu chỉnh, số dự báo, tỷ lệ khoảng 80 % và 50 % chứa "
                   "giá trị thật, điểm Brier, hệ số nới rộng). Chỉ tiêu không có dự báo vẫn có đủ các mục, để "
                   "trống. Tên các trường dữ liệu và lệnh để lấy dữ liệu có trong bản tiếng Anh của tài liệu này."),
}
