#!/usr/bin/env bash
# Tries the README's spark-submit recipe on a Spark standalone cluster on this machine: one master, one worker,
# executors in their own JVMs, the cluster jar submitted by Spark's own launcher (SparkSubmit).
#
#   scripts/spark-standalone.sh [--executors N] [--executor-cores K] [--keep] -- train MODEL --spark spark://127.0.0.1:7077 ... --json
#
# There is no Spark distribution here, so the script assembles one from Maven: Spark 3.3.4's jars (spark-core and
# spark-mllib with the versions Spark's own build pins) in $SPARK_HOME/jars, and bin/spark-class and
# bin/spark-submit that do what the distribution's scripts do (ask org.apache.spark.launcher.Main for the command,
# then run it). conf/log4j2.properties sends Spark's log to stderr, as the distribution's template does (Spark's
# built-in default writes it to stdout, which would mix it into --json's output).
# Environment: SPARK_HOME (default /tmp/bidizoo-spark-3.3.4), CLUSTER_JAR (default: build it with mvn -Pspark).
set -euo pipefail
cd "$(dirname "$0")/.."
executors=2
cores=1
keep=0
while [[ $# -gt 0 && "$1" != "--" ]]; do
  case "$1" in
    --executors) executors="$2"; shift 2 ;;
    --executor-cores) cores="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "spark-standalone.sh: unknown option '$1' (expected --executors N, --executor-cores K, --keep, then -- and the CLI arguments)" >&2; exit 2 ;;
  esac
done
[[ "${1:-}" == "--" ]] || { echo "spark-standalone.sh: give the CLI arguments after --" >&2; exit 2; }
shift
[[ "$executors" =~ ^[1-9][0-9]*$ ]] || { echo "spark-standalone.sh: --executors = '$executors', expected >= 1" >&2; exit 2; }
[[ "$cores" =~ ^[1-9][0-9]*$ ]] || { echo "spark-standalone.sh: --executor-cores = '$cores', expected >= 1" >&2; exit 2; }

export SPARK_HOME="${SPARK_HOME:-/tmp/bidizoo-spark-3.3.4}"
export SPARK_SCALA_VERSION=2.12
jar="${CLUSTER_JAR:-}"
if [[ -z "$jar" ]]; then
  echo "spark-standalone.sh: building the cluster jar (mvn -Pspark package, a few minutes)..." >&2
  mvn -B -q -Pspark -DskipTests package -pl spark -am >&2
  jar="$(ls spark/target/bidizoo-spark-*-cluster.jar)"
fi

if [[ ! -d "$SPARK_HOME/jars" ]]; then
  echo "spark-standalone.sh: assembling Spark 3.3.4 in $SPARK_HOME from Maven..." >&2
  mkdir -p "$SPARK_HOME/dist" "$SPARK_HOME/bin" "$SPARK_HOME/conf"
  cat > "$SPARK_HOME/dist/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>spark-dist</artifactId><version>1</version><packaging>pom</packaging>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-parent_2.12</artifactId><version>3.3.4</version>
      <type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.12</artifactId><version>3.3.4</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-mllib_2.12</artifactId><version>3.3.4</version></dependency>
  </dependencies>
</project>
POM
  mvn -B -q -f "$SPARK_HOME/dist/pom.xml" dependency:copy-dependencies -DoutputDirectory="$SPARK_HOME/jars" >&2
  cat > "$SPARK_HOME/bin/spark-class" <<'SH'
#!/usr/bin/env bash
# Spark's launcher prints a NUL, a newline, then the command with each part ended by a NUL, then we add its status
export SPARK_HOME="${SPARK_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
export SPARK_SCALA_VERSION=2.12
CMD=()
while IFS= read -d '' -r ARG; do CMD+=("$ARG"); done < <(java -Xmx128m -cp "$SPARK_HOME/jars/*" \
  org.apache.spark.launcher.Main "$@"; printf "%d\0" $?)
LAST=$((${#CMD[@]} - 1))
[[ "${CMD[$LAST]}" == 0 ]] || exit "${CMD[$LAST]}"
CMD[1]="${CMD[1]#$'\n'}"
exec "${CMD[@]:1:$LAST-1}"
SH
  printf '#!/usr/bin/env bash\nexec "$(dirname "$0")/spark-class" org.apache.spark.deploy.SparkSubmit "$@"\n' \
    > "$SPARK_HOME/bin/spark-submit"
  chmod +x "$SPARK_HOME/bin/spark-class" "$SPARK_HOME/bin/spark-submit"
  cat > "$SPARK_HOME/conf/log4j2.properties" <<'LOG'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
logger.tasks.name = org.apache.spark.scheduler.TaskSetManager
logger.tasks.level = error
logger.worker.name = org.apache.spark.deploy.worker.Worker
logger.worker.level = info
LOG
fi

logs="$SPARK_HOME/logs"
mkdir -p "$logs" "$SPARK_HOME/work"
pids=()
stop() {
  [[ $keep == 1 ]] && { echo "spark-standalone.sh: master and worker left running (pids ${pids[*]})" >&2; return; }
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap stop EXIT
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 \
  --webui-port 18080 > "$logs/master.log" 2>&1 &
pids+=($!)
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores $((executors * cores)) \
  --memory $((executors * 4))g --work-dir "$SPARK_HOME/work" --webui-port 18081 spark://127.0.0.1:7077 \
  > "$logs/worker.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  grep -q "Successfully registered with master" "$logs/worker.log" 2>/dev/null && break
  sleep 1
done
grep -q "Successfully registered with master" "$logs/worker.log" \
  || { echo "spark-standalone.sh: the worker did not register (logs in $logs)" >&2; exit 1; }

# the README's standalone recipe
"$SPARK_HOME/bin/spark-submit" --master spark://127.0.0.1:7077 --class org.bidizoo.cli.BidizooCli \
  --driver-memory 4g --executor-memory 3g --executor-cores "$cores" --total-executor-cores $((executors * cores)) \
  --conf spark.executorEnv.OMP_NUM_THREADS=1 "$jar" "$@"
