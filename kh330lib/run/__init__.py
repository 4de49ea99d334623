"""`kh330 run`: the plan of a run (`plan`), one brief per worker process (`worker`), publishing (`publish`)."""
