"""Every Vietnamese word a reader sees is in kh330lib/words/: no string literal elsewhere holds a Vietnamese letter.

A Vietnamese letter is one of ă â đ ê ô ơ ư (either case) or a Latin letter carrying a mark (a tone: á à ả ã ạ …),
found as Unicode decomposes it (NFD: the base letter, then combining marks). Docstrings and comments speak to
developers and may quote Vietnamese; the city's name, Huế, may stand in English text. Ward and commune names come
from params/, never from the code.
"""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

from kh330lib import paths

PACKAGE = paths.ROOT / "kh330lib"
WORDS = PACKAGE / "words"
VIETNAMESE_LETTERS = frozenset("ăâđêôơưĂÂĐÊÔƠƯ")
PLACE_NAMES = ("Huế",)


def is_vietnamese_letter(ch: str) -> bool:
    """ă â đ ê ô ơ ư, or a Latin letter with a mark over or under it (NFD: a-z and combining marks)."""
    if ch in VIETNAMESE_LETTERS:
        return True
    base, *marks = unicodedata.normalize("NFD", ch)
    return bool(marks) and base.isascii() and base.isalpha() and all(unicodedata.combining(m) for m in marks)


def _docstrings(tree: ast.Module) -> set[int]:
    """The string constants that are the docstrings of the module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def vietnamese_literals(package: Path, words: Path) -> list[str]:
    """`file:line: text` of every string literal (f-string parts included) outside `words` with a Vietnamese
    letter once the place names are taken out; comments are not in the syntax tree, docstrings are skipped."""
    found: list[tuple[str, int, str]] = []
    for path in sorted(package.rglob("*.py")):
        if path.is_relative_to(words):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docs:
                continue
            # Composed first: text typed on another system may hold `e` + U+0323 + U+0302 for `ệ`.
            text = unicodedata.normalize("NFC", node.value)
            for name in PLACE_NAMES:
                text = text.replace(name, "")
            if any(is_vietnamese_letter(ch) for ch in text):
                found.append((path.relative_to(package.parent).as_posix(), node.lineno, node.value[:60]))
    return [f"{where}:{line}: {text!r}" for where, line, text in sorted(found)]


def test_no_vietnamese_word_outside_the_words_package():
    assert vietnamese_literals(PACKAGE, WORDS) == []


def test_vietnamese_letters_are_told_from_other_text():
    for ch in "ăâđêôơưĐƠáàảãạếềểễệốồổỗộớờởỡợứừửữựýỳỷỹỵ":
        assert is_vietnamese_letter(ch), ch
    for ch in "aeiouyAZ0%×–≥→·«»“”Ｐ€":
        assert not is_vietnamese_letter(ch), ch


def test_the_check_finds_words_in_code_and_passes_docstrings_comments_and_the_citys_name(tmp_path: Path):
    package = tmp_path / "pkg"
    (package / "words").mkdir(parents=True)
    (package / "words" / "vi.py").write_text('"""Từ ngữ."""\nLABEL = "Kịch bản cơ sở"\n', encoding="utf-8")
    (package / "report.py").write_text(
        '"""Báo cáo: a docstring may quote Vietnamese."""\n'
        '# chú thích: so may a comment\n'
        'TITLE = "Plan 330, Huế City"\n'
        'YEARS = f"{2030} năm"\n'
        f'SPLIT = "{unicodedata.normalize("NFD", "Kết quả")}"\n'
        '\n'
        'def label():\n'
        '    """Nhãn."""\n'
        '    return "Kịch bản"\n', encoding="utf-8")
    assert vietnamese_literals(package, package / "words") == [
        "pkg/report.py:4: ' năm'", f"pkg/report.py:5: {unicodedata.normalize('NFD', 'Kết quả')!r}",
        "pkg/report.py:9: 'Kịch bản'"]
