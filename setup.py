"""Build hook: the wheel carries the compiled Vietnamese catalogues (.mo), which the repository
does not keep (only their .po sources). Everything else is declared in pyproject.toml."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        import polib

        for po in sorted(Path(self.build_lib, "parindex").glob("**/locale/*/LC_MESSAGES/*.po")):
            polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo")))


setup(cmdclass={"build_py": BuildWithCatalogues})
