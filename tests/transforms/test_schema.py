"""The schema module is the one source of truth: the README's data dictionary must match it."""

import re
from pathlib import Path

import pyarrow as pa
import pytest

from transforms import schema

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_data_dictionary_is_generated_from_the_schema():
    text = README.read_text(encoding="utf-8")
    section = re.search(r"<!-- data-dictionary:start -->\n(.*)\n<!-- data-dictionary:end -->", text, re.S)
    assert section, "README lacks the data-dictionary markers"
    assert section.group(1) == schema.data_dictionary_markdown(), "run: python -m transforms.schema"


def test_every_column_is_documented_and_timestamps_are_utc_micros():
    for name, (dataset_schema, _) in schema.DATASETS.items():
        assert dataset_schema.metadata[schema.SCHEMA_VERSION_KEY] == schema.SCHEMA_VERSION.encode()
        for field in dataset_schema:
            assert field.metadata and field.metadata[b"doc"], f"{name}.{field.name} has no doc"
            if pa.types.is_timestamp(field.type):
                assert field.type == pa.timestamp("us", tz="UTC"), f"{name}.{field.name}"


def test_low_cardinality_strings_are_dictionary_encoded():
    for name, (dataset_schema, _) in schema.DATASETS.items():
        for column in ("source", "lang", "run_id", "source_kind", "date_source", "stage", "reason"):
            if column in dataset_schema.names:
                assert pa.types.is_dictionary(dataset_schema.field(column).type), f"{name}.{column}"


def test_partition_columns_are_not_stored_in_files():
    for dataset_schema, partition_columns in schema.DATASETS.values():
        assert not set(partition_columns) & set(dataset_schema.names)


def test_sentence_columns_carry_the_quotation_span_and_fit_the_schema():
    from tests.transforms.factories import make_article
    from transforms.records import Entity, Sentence
    from transforms.rows import ColumnBuffer, sentence_columns

    quoted = "«Nous ne reculerons pas», a déclaré le ministre."
    article = make_article(quoted + " Rien de plus.", lang="fr")
    article.sentences = [
        Sentence(0, quoted, 0, len(quoted), lang="fr", is_quote=True),
        Sentence(
            1, "Rien de plus.", len(quoted) + 1, len(quoted) + 14, lang="fr", entities=[Entity("Rien", "MISC", 0, 4)]
        ),
    ]
    buffer = ColumnBuffer(schema.SENTENCES)
    buffer.extend(sentence_columns(article, "run-1"))
    rows = pa.Table.from_batches([buffer.to_batch()]).to_pylist()
    assert [row["sentence_index"] for row in rows] == [0, 1]
    assert (rows[0]["quote_start"], rows[0]["quote_end"]) == (0, len("«Nous ne reculerons pas»"))
    assert (rows[1]["quote_start"], rows[1]["quote_end"]) == (None, None)
    assert rows[1]["entities"] == [{"text": "Rien", "type": "MISC", "start": 0, "end": 4}]
    # Article-level values are repeated on every sentence row.
    assert {row["article_id"] for row in rows} == {article.article_id}
    assert {row["run_id"] for row in rows} == {"run-1"}


def test_a_column_buffer_refuses_columns_that_do_not_fit_its_schema():
    from transforms.rows import ColumnBuffer

    buffer = ColumnBuffer(schema.REJECTS)
    columns = {name: ["x"] for name in schema.REJECTS.names}
    with pytest.raises(ValueError, match="differ in length"):
        buffer.extend({**columns, "stage": ["x", "y"]})
    with pytest.raises(ValueError, match="do not fit"):
        buffer.extend({name: values for name, values in columns.items() if name != "stage"})
    assert buffer.rows == 0
