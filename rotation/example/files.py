"""The example workbooks that ship inside the package, reachable from any folder.

>>> from rotation.example.files import example_path
>>> example_path("county.xlsx")          # the built-in example county, as an office keeps it
>>> example_path("roster_zh.xlsx")       # an office's workbook: Chinese sheets and words
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The files under rotation/example/data/ and what each holds.
EXAMPLE_FILES: dict[str, str] = {
    "county.xlsx": "the built-in example county (example_county(seed=0)) in Chinese",
    "roster_zh.xlsx": "an office's roster workbook: Chinese sheets, headers and values",
}


def example_path(name: str) -> Path:
    """The path of a shipped example file, wherever the package is installed.

    Parameters
    ----------
    name
        A file name of `EXAMPLE_FILES` ("county.xlsx", "roster_zh.xlsx").

    Returns
    -------
    pathlib.Path
        The file's path, readable by `read_roster` and the command line.

    Raises
    ------
    FileNotFoundError
        When no example file has that name (the message lists those that do).
    """
    path = Path(str(resources.files("rotation.example").joinpath("data", name)))
    if name not in EXAMPLE_FILES or not path.is_file():
        raise FileNotFoundError(
            f"no example file {name!r}; the examples are: {', '.join(EXAMPLE_FILES)}"
        )
    return path
