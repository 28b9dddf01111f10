"""The scheduling examples in the repository stay valid without Airflow installed."""

import ast
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DAG = REPO_ROOT / "examples" / "airflow" / "newsbeam_dag.py"


def test_airflow_dag_example_is_valid_python_running_newsbeam_safely():
    source = DAG.read_text(encoding="utf-8")
    tree = ast.parse(source)  # compiles without importing airflow
    calls = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {"DAG", "BashOperator"} <= calls
    assert "newsbeam run --sources configs/sources.yaml" in source
    assert "max_active_runs=1" in source and "--wait-for-lock" in source
