"""Example Airflow DAG: run newsbeam every 15 minutes, one run at a time.

Copy it into your Airflow `dags/` folder and set NEWSBEAM_HOME (the folder
holding the virtualenv and configs) and NEWSBEAM_OUTPUT. newsbeam is
incremental and idempotent, so a retried or repeated task writes nothing
twice; its exit codes tell Airflow what happened:
  0 success; 1 accounting did not balance (a bug: records lost);
  2 usage or configuration error; 3 another run holds the output's lock;
  4 the output was written with an incompatible schema.
"""

import datetime as dt
import os

from airflow import DAG
from airflow.operators.bash import BashOperator

NEWSBEAM_HOME = os.environ.get("NEWSBEAM_HOME", "/opt/newsbeam")
NEWSBEAM_OUTPUT = os.environ.get("NEWSBEAM_OUTPUT", "/data/news")

with DAG(
    dag_id="newsbeam_ingest",
    schedule=dt.timedelta(minutes=15),
    start_date=dt.datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # newsbeam also locks the output; this keeps Airflow from queueing overlaps
    default_args={"retries": 2, "retry_delay": dt.timedelta(minutes=2)},
    tags=["news"],
) as dag:
    BashOperator(
        task_id="ingest",
        bash_command=(
            f"cd {NEWSBEAM_HOME} && .venv/bin/newsbeam run --sources configs/sources.yaml "
            f"--output {NEWSBEAM_OUTPUT} --wait-for-lock 300 --quiet"
        ),
        # Exit code 3 (locked by a run that outlived 5 minutes of waiting) is worth a retry, like any failure.
    )
    # Compaction (`newsbeam compact OUTPUT`) belongs in a daily DAG of its own; it takes the same lock.
