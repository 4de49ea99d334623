"""The methods: projection models, backtests, attainment measures (growth ratio, UNSD, pace, probability)."""
