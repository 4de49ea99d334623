"""Build settings pyproject.toml cannot say: editable installs get the data files too (the kh330 nbconvert template)."""

from setuptools import setup
from setuptools.dist import Distribution


class KH330Distribution(Distribution):
    """Answers `has_data()`, which setuptools' editable wheel asks before installing data files (`has_data_files()`)."""

    def has_data(self) -> bool:
        # Without it `pip install -e .` (what make runs) silently skips [tool.setuptools.data-files], and plain
        # `jupyter nbconvert --template kh330` finds no template; a setuptools that fixes the name never calls this.
        return self.has_data_files()


setup(distclass=KH330Distribution)
