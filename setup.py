"""Which files the wheel holds. Everything else about the package is in pyproject.toml.

`resources/` stays at the top of the repository and goes into the wheel as the `cafe_desk.resource_files` folder,
all of it: whatever files are added under it later ship without a change here. Its folders are listed as packages
only so setuptools copies them; they hold no code.
"""

import warnings

from setuptools import find_namespace_packages, find_packages, setup

# `pip install -e .` (./dev) maps these folders back onto the checkout, and setuptools then warns on every install
# that a folder in the working directory named like the package is imported first: in a checkout it is that folder.
warnings.filterwarnings("ignore", message="Editable installation")

RESOURCE_PACKAGE = "cafe_desk.resource_files"
RESOURCE_PACKAGES = [RESOURCE_PACKAGE,
                     *(f"{RESOURCE_PACKAGE}.{name}" for name in find_namespace_packages(where="resources"))]

setup(
    packages=[*find_packages(include=["cafe_desk", "cafe_desk.*"]), *RESOURCE_PACKAGES],
    package_dir={RESOURCE_PACKAGE: "resources"},
    package_data={package: ["*"] for package in RESOURCE_PACKAGES},
)
