"""Tiếng Việt: the command line's sentences (`kh330 assess` as text) and the --csv/--xlsx headers, by key."""

TEXT = {
    "cli_data": "Số liệu {where}: {n} điểm, {first}–{last}; mới nhất {value} ({year}, {status}). Bằng chứng: {ev}.",
    "cli_no_data_geo": "{geo} chưa có số liệu.",
    "cli_data_assumed": ("Chỉ có giá trị giả định (không phải số liệu đo được): {n} điểm, {first}–{last}; mới nhất "
                         "{value} ({year}). Bằng chứng: {ev}."),
    "cli_no_data": "Huế chưa có số liệu — chưa thể đánh giá chỉ tiêu này.",
    "cli_qualitative": "Mục tiêu định tính, không có chỉ số đo.",
    "cli_assumption": "Lưu ý: chuỗi có giá trị giả định của kịch bản «{name}» (không phải số liệu đo được).",
    "cli_growth": ("Tăng trưởng bình quân (Open SDG/Eurostat, năm gốc {base}): thực tế {obs}/năm, cần {req}/năm; tỷ "
                   "số {ratio}."),
    "cli_growth_na": "Tăng trưởng bình quân (Open SDG/Eurostat): chưa tính được.",
    "cli_unsd": "Giá trị kỳ vọng năm {deadline} nếu giữ tốc độ tăng đã đạt (UNSD): {value}; tỷ số {ratio}.",
    "cli_verdict": "Kết luận, theo khả năng đạt chỉ tiêu → {verdict}.",
    "cli_outside": "Nhìn từ bên ngoài: {text}",
    "cli_pace": "Nhịp độ: thực tế {obs}/năm, cần {req}/năm từ nay đến {deadline}; hệ số tăng tốc {factor}.",
    "cli_projection": ("Dự báo năm {deadline} — {model}: {median} (khoảng 80 %: {lo80}–{hi80}; khoảng 95 %: "
                       "{lo95}–{hi95})."),
    "cli_pace_required": "Nhịp độ cần thiết: {req}/năm từ nay đến {deadline}.",
    "cli_widened": ("Khoảng dự báo năm {deadline} được hiệu chỉnh ×{factor} theo kiểm định trên các nhóm chuỗi số liệu "
                    "thực."),
    "cli_adjusted": "Điều chỉnh của kịch bản: {what}.",
    "cli_prob": ("Khả năng đạt vào năm {deadline}: {chance}; kết hợp các mô hình: {p}; đạt vào bất kỳ năm nào đến "
                 "{deadline}: {p_by}; năm đạt (trung vị): {year}."),
    "cli_backtest": ("Kiểm định trên chính chuỗi: {held} giá trị giữ lại; khoảng 80 % chứa {c80}, khoảng 50 % chứa "
                     "{c50}."),
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
    # `kh330 assess --units` as text: the table in two lines.
    "cli_units_summary": "{units} địa bàn × {targets} chỉ tiêu: {counts}",
    "cli_units_more": "(--json, --csv TỆP.csv hoặc --xlsx TỆP.xlsx để lấy toàn bộ bảng)",
    "cli_models": "Theo từng mô hình: {models}.",
    "cli_sensitivity": "Độ nhạy: {cases}.",
    "cli_too_few": "Kiểm định trên chính chuỗi: {why}.",
    # `kh330 assess --csv/--xlsx`: the export's column headers and sheet name.
    "export_sheet": "Đánh giá",
    "export_target": "Mã mục tiêu",
    "export_clause": "Mục của Kế hoạch",
    "export_label": "Mục tiêu",
    "export_level": "Trình độ đào tạo",
    "export_goal": "Chỉ tiêu",
    "export_unit": "Đơn vị",
    "export_deadline": "Năm hoàn thành",
    "export_latest_value": "Giá trị mới nhất",
    "export_latest_year": "Năm của giá trị mới nhất",
    "export_latest_status": "Loại số liệu",
    "export_verdict": "Đánh giá",
    "export_verdict_code": "Đánh giá (mã)",
    "export_median": "Dự báo năm hoàn thành (trung vị)",
    "export_lo80": "Khoảng 80 %: cận dưới",
    "export_hi80": "Khoảng 80 %: cận trên",
    "export_chance": "Khả năng đạt",
    "export_p_combined": "Xác suất đạt, kết hợp các mô hình (0–1)",
    "export_band": "Mức khả năng",
    "export_band_code": "Mức khả năng (mã)",
    "export_p_low": "Xác suất đạt thấp nhất (0–1)",
    "export_p_high": "Xác suất đạt cao nhất (0–1)",
    "export_required_annual_change": "Mức thay đổi cần đạt mỗi năm",
    "export_observed_annual_change": "Mức thay đổi thực tế mỗi năm",
    "export_acceleration_factor": "Hệ số cần tăng tốc",
}
