#!/usr/bin/env bash
# Prerequisites of the Spark example and its test (tests/spark.rs): a Java 17+
# runtime from Debian and pyspark (with jsonschema) from PyPI, in a venv of
# their own outside the clone. Idempotent: each step is skipped when done.
# Source it (`. examples/spark/setup.sh`): it exports what the test needs.
set -euo pipefail

PYSPARK_VERSION=3.5.9
SPARK_VENV="${CHRONICLER_CI_CACHE:-${HOME:-/root}/.cache/chronicler-ci}/pyspark-$PYSPARK_VERSION"

java_ok() {
    command -v java >/dev/null 2>&1 &&
        java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])'
}
if ! java_ok; then
    echo "spark setup: installing openjdk-17-jre-headless"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        openjdk-17-jre-headless >/dev/null
fi
java_ok || { echo "spark setup: no Java 17+ runtime after install" >&2; return 1 2>/dev/null || exit 1; }

if ! "$SPARK_VENV/bin/python" -c "import jsonschema, pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    echo "spark setup: installing pyspark $PYSPARK_VERSION and jsonschema into $SPARK_VENV"
    rm -rf "$SPARK_VENV"
    python3 -m venv "$SPARK_VENV"
    "$SPARK_VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION" "jsonschema>=4,<5"
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
export CHRONICLER_SPARK_PYTHON="$SPARK_VENV/bin/python"   # runs the job (the driver)
export PYSPARK_PYTHON="$SPARK_VENV/bin/python"            # the executors' Python workers
export SPARK_LOCAL_IP=127.0.0.1                           # loopback only
export SPARK_CONF_DIR="$here/conf"                        # quiet logging
export PYSPARK_SUBMIT_ARGS="--driver-memory 1g pyspark-shell"
