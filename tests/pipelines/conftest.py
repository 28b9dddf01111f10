"""Markers of the pipeline tests.

`cluster`: end-to-end runs on real engines (a Flink mini-cluster, a Flink session cluster, Beam's
portable job service with an external worker pool). They start JVMs and worker processes and take
minutes, so they run on their own: `pytest -m cluster tests/pipelines/test_cluster.py`, and the
rest of the suite with `-m "not cluster"`.
"""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "cluster: end-to-end run on a real distributed engine (Flink, portable runner); minutes, JVMs"
    )
