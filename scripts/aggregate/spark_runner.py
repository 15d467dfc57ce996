"""Spark side of `npm run aggregate -- --engine spark`.

Reads one JSON request per line on stdin and answers one JSON line on stdout; all SQL comes
from the TypeScript builder (src/lib/queries/aggregate.ts, Spark dialect), so this file only
opens the session, reads the input and the app's lookups, runs statements and returns rows.
Progress lines ({"progress": ...}) may come between answers while a statement runs.

Requests: open {master, lookups: {name: {path, columns: [{name, type}]}}}, input {format, paths,
textColumns}, query {sql}, exec {sql}, close.
"""
import csv
import json
import math
import sys
import threading
from decimal import Decimal

OUT = sys.stdout
LOCK = threading.Lock()
spark = None

# DuckDB manifest types to Spark types, for the lookups (small: read on the driver, so a cluster
# needs no copy of them on shared storage).
LOOKUP_TYPES = {"VARCHAR": "string", "DOUBLE": "double", "INTEGER": "int", "BIGINT": "bigint"}
WHOLE = ("tinyint", "smallint", "int", "bigint", "integer", "long", "short", "byte")


def send(message):
    with LOCK:
        OUT.write(json.dumps(message, allow_nan=False) + "\n")
        OUT.flush()


def cell(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def open_session(master, lookups):
    global spark
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    spark = (
        SparkSession.builder.master(master)
        .appName("heartlands-aggregate")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        # The same predicate text for both engines: "name" is a column, 'text' a string.
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.ansi.doubleQuotedIdentifiers", "true")
        # No SELECT ... FROM csv.`/some/path`: SQL reads only the registered views.
        .config("spark.sql.runSQLOnFiles", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    for name, spec in lookups.items():
        fields = [StructField(c["name"], _parse_datatype_string(LOOKUP_TYPES.get(c["type"], "string")), True) for c in spec["columns"]]
        with open(spec["path"], newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            rows = []
            for raw in reader:
                row = []
                for field, text in zip(fields, raw):
                    kind = field.dataType.simpleString()
                    row.append(None if text == "" and kind != "string" else float(text) if kind == "double" else int(text) if kind in ("int", "bigint") else text)
                rows.append(row)
        assert [f.name for f in fields] == header, "lookup columns differ from the manifest"
        spark.createDataFrame(rows, StructType(fields)).createOrReplaceTempView(name)
    return {"version": spark.version}


def open_input(fmt, paths, text_columns):
    from pyspark.sql import functions as F

    if fmt == "parquet":
        df = spark.read.parquet(*paths)
    else:
        # FAILFAST: a malformed row stops the run with its text, rather than becoming nulls.
        df = spark.read.options(header="true", inferSchema="true", mode="FAILFAST").csv(paths)
        for name, kind in df.dtypes:
            if name in text_columns:
                df = df.withColumn(name, F.col("`%s`" % name.replace("`", "``")).cast("string"))
            elif kind in WHOLE:
                df = df.withColumn(name, F.col("`%s`" % name.replace("`", "``")).cast("double"))
    df.createOrReplaceTempView("agg_input")
    return {"columns": [{"name": n, "type": t} for n, t in df.dtypes]}


def watch_progress(stop):
    tracker = spark.sparkContext.statusTracker()
    while not stop.wait(1.0):
        try:
            done = total = 0
            for stage_id in tracker.getActiveStageIds():
                info = tracker.getStageInfo(stage_id)
                if info:
                    done += info.numCompletedTasks
                    total += info.numTasks
            if total:
                send({"progress": "%d of %d tasks" % (done, total)})
        except Exception:  # progress is a courtesy; never let it stop the run
            pass


def run_sql(sql, collect):
    stop = threading.Event()
    watcher = threading.Thread(target=watch_progress, args=(stop,), daemon=True)
    watcher.start()
    try:
        df = spark.sql(sql)
        if not collect:
            return {}
        rows = df.collect()
        return {"columns": df.columns, "rows": [[cell(v) for v in row] for row in rows]}
    finally:
        stop.set()


def main():
    for line in sys.stdin:
        request = json.loads(line)
        op = request.get("op")
        try:
            if op == "open":
                answer = open_session(request["master"], request["lookups"])
            elif op == "input":
                answer = open_input(request["format"], request["paths"], set(request["textColumns"]))
            elif op == "query":
                answer = run_sql(request["sql"], True)
            elif op == "exec":
                answer = run_sql(request["sql"], False)
            elif op == "close":
                send({"ok": True})
                break
            else:
                raise ValueError("unknown request %r" % op)
            send(dict(answer, ok=True))
        except Exception as error:  # the caller turns this into one line for the analyst
            send({"ok": False, "error": "%s: %s" % (type(error).__name__, error)})
    if spark is not None:
        spark.stop()


if __name__ == "__main__":
    main()
