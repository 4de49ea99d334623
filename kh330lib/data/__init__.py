"""The data layer: registry (targets, indicators, geos), observations, scenarios, vintages and wards → `Dataset`.

Load everything with `kh330lib.data.dataset.load_dataset()`.
"""
