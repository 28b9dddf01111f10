"""Packaging for newsbeam: installs the `newsbeam` command; also Beam's --setup_file for cluster workers."""

import re
from pathlib import Path

from setuptools import find_packages, setup

VERSION = re.search(r'__version__ = "([^"]+)"', Path(__file__).with_name("transforms").joinpath("version.py").read_text()).group(1)

setup(
    name="newsbeam",
    version=VERSION,
    description="News ingestion on Apache Beam: feeds and articles in, language-tagged sentences out as partitioned Parquet.",
    license="MIT",
    python_requires=">=3.11",
    packages=find_packages(include=["pipelines", "pipelines.*", "transforms", "transforms.*", "configs", "configs.*"]),
    package_data={"configs": ["*.yaml", "**/*.yaml"]},
    install_requires=[
        # The product's core.
        "apache-beam==2.77.0",
        "feedparser>=6.0.11,<7",
        "langdetect==1.0.9",
        "pyarrow>=15",
        # CLDR country names in every language, rather than hand-typed lists.
        "babel>=2.14",
        # Main-text extraction from HTML pages (boilerplate removal), maintained and benchmarked.
        "trafilatura>=2.0,<3",
        # Language ID scores langdetect's profiles as numpy arrays (already a Beam and pyarrow dependency).
        "numpy>=1.24",
        # Word frequencies in 40+ languages (shipped in the package): word-level evidence that tells close
        # languages apart on short texts where langdetect's character n-grams cannot (language_words.py).
        "wordfreq>=3.1,<4",
        # Lemmas in 50+ languages, so lexicon terms match inflected forms (plural, gender, case); no dependencies.
        "simplemma>=2.0,<3",
        # Config files (sources, topics, places, entities).
        "pyyaml>=6",
        # HTTP client with timeouts, redirect limits, streaming bodies.
        "requests>=2.31",
        # Self-contained interactive charts for `newsbeam report` (plotly.js embedded inline, works offline).
        "plotly>=7.1,<8",
        # Dates in free-form shapes that ISO 8601 and RFC 822 parsers miss (also a Beam dependency).
        "python-dateutil>=2.8",
    ],
    extras_require={
        "aws": ["apache-beam[aws]==2.77.0"],  # Beam's S3 filesystem (boto3) for s3:// inputs and outputs
        "test": [
            "apache-beam[aws]==2.77.0",  # the object-storage tests run s3:// inputs and outputs
            "moto[server]>=5",  # a real S3-compatible server on 127.0.0.1 for tests/pipelines/test_object_storage.py
            "boto3>=1.34",  # uploads the test inputs to the local S3 server
            "pytest>=8",
            "pytest-xdist>=3",  # the suite runs on both cores
            "duckdb>=1.1",  # end-to-end tests read the output as users do
            "ruff>=0.6",
            "hypothesis>=6.100",  # property-based tests of every reader
            "atheris>=2.3",  # coverage-guided fuzzing of the readers (tests/fuzz)
            "pandas>=2,<3",  # the README's pandas example queries run in the tests (pyspark wants pandas < 3)
            "polars>=1",  # the README's polars example queries run in the tests
            "pyspark>=3.5",  # the README's Spark example queries run in the tests (local[1], Java 17)
            "sentencex>=1.0.30,<2",  # comparator in benchmarks/eval_sentence_splitter.py (newsbeam's former splitter)
            "pysbd==0.3.4",  # comparator in the benchmarks; the version our abbreviation lists came from
        ],
    },
    entry_points={"console_scripts": ["newsbeam = pipelines.cli:main"]},
)
