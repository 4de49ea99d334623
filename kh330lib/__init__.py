"""kh330: tracking Huế's Plan 330/KH-UBND targets on high-tech human resources."""

__version__ = "0.1.0"
