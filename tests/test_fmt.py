"""Locale formatting follows CLDR via Babel: comma decimals and dot grouping in Vietnamese."""

import pytest

from kh330lib import fmt


@pytest.mark.parametrize("value,lang,expected", [
    (80.5, "vi", "80,5 %"), (80.5, "en", "80.5%"), (72.5, "vi", "72,5 %"), (0.42, "vi", "0,42 %"),
])
def test_percent(value, lang, expected):
    assert fmt.percent(value, lang, digits=2) == expected


@pytest.mark.parametrize("value,lang,expected", [
    (588529, "vi", "588.529"), (588529, "en", "588,529"), (1234.5, "vi", "1.234,5"), (None, "vi", "–"),
])
def test_number(value, lang, expected):
    assert fmt.number(value, lang) == expected


def test_unknown_language():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        fmt.number(1.0, "fr")
