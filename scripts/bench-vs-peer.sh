#!/usr/bin/env bash
# Measures bidizoo and the PyTorch peer (../shared/peer) side by side, alternating A B A B, on the
# same machine in one run. Writes JSON lines to the file given (default runs/bench-vs-peer.jsonl).
#   scripts/bench-vs-peer.sh [OUT] [ROUNDS]
#   PAIRS="smallcnn:smallcnn inversion-smallcnn:smallcnn_jt" scripts/bench-vs-peer.sh runs/inv.jsonl
#   (PAIRS: bidizoo-model:peer-model, space-separated; default: the three Lmser pairs)
#   BENCH_ARGS="--warmup 2000 --repeats 5" and PEER_ARGS="--warmup 2000 --repeats 5" lengthen both sides
#   The peer's Lmser/AE models get --bias: bidizoo's zoo models have biases, so both sides train the same model
#   (PEER_BIAS=0 runs the peer's default, bias-free models as before 2026-12-06)
#   A peer that fails (e.g. torch without OpenBLAS and --blas-threads) stops the run with its stderr.
#   EMBEDDED=0 skips the runs with ND4J's defaults (plain java, no OMP_NUM_THREADS: what an application
#   that embeds the layers gets; the JSON says "setting": "nd4j-defaults"). Those runs train inside one
#   NativeTeam.narrow() scope and infer into a reused output workspace, as the README tells an application to;
#   EMBEDDED_PLAIN=0 skips the extra run without either ("setting": "nd4j-defaults-plain");
#   EMBEDDED_README=0 skips the run that adds README's JVM and environment settings for embedding applications
#   (--add-modules jdk.incubator.vector, -Xmn32m, JavaCPP's maxPhysicalBytes=0, OMP_WAIT_POLICY=PASSIVE; still no
#   OMP_NUM_THREADS: "setting": "nd4j-defaults-readme")
# Needs: python3-torch and libopenblas0-pthread (Debian; without the latter torch runs on the reference BLAS and
# the peer refuses --blas-threads), MNIST fetched by ./bidizoo datasets fetch mnist.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-runs/bench-vs-peer.jsonl}"
rounds="${2:-2}"
peer="../shared/peer/peer_bench.py"
[ -f "$peer" ] || { echo "no PyTorch peer at $peer" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
: > "$out"
export PEER_MNIST_DIR="${PEER_MNIST_DIR:-$HOME/.bidizoo/data/mnist}"
./bidizoo datasets fetch mnist >/dev/null
jar="$(ls cli/target/bidizoo-cli-*.jar | head -n 1)"
cp="$(cat cli/target/classpath.txt)"
tag() { python3 -c "import json,sys; d=json.load(sys.stdin); d.update(impl='bidizoo', round=$1); print(json.dumps(d))"; }
read -r -a pairs <<< "${PAIRS:-lmser-dense:lmser_dense ae-dense:ae_dense lmser-conv:lmser_conv}"
for round in $(seq 1 "$rounds"); do
  for t in 1 2; do
    for p in "${pairs[@]}"; do
      set -- ${p/:/ }
      echo "round $round, $t thread(s): bidizoo $1" >&2
      OMP_NUM_THREADS=$t ./bidizoo bench "$1" --json ${BENCH_ARGS:-} 2>/dev/null | tag "$round" >> "$out"
      if [ "$t" = 2 ] && [ "${EMBEDDED:-1}" = 1 ]; then
        echo "round $round: bidizoo $1 with ND4J's defaults (no launcher, no OMP_NUM_THREADS)" >&2
        env -u OMP_NUM_THREADS java -Xmx6g -cp "$jar:$cp" org.bidizoo.cli.BidizooCli bench "$1" --json ${BENCH_ARGS:-} 2>/dev/null \
          | tag "$round" >> "$out"
        if [ "${EMBEDDED_README:-1}" = 1 ]; then
          echo "round $round: bidizoo $1 with ND4J's defaults and README's JVM and environment settings" >&2
          env -u OMP_NUM_THREADS OMP_WAIT_POLICY=PASSIVE java -Xmx6g -Xmn32m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
              --add-modules jdk.incubator.vector -cp "$jar:$cp" org.bidizoo.cli.BidizooCli bench "$1" --json \
              ${BENCH_ARGS:-} 2>/dev/null | tag "$round" | sed 's/"nd4j-defaults"/"nd4j-defaults-readme"/' >> "$out"
        fi
        if [ "${EMBEDDED_PLAIN:-1}" = 1 ]; then
          echo "round $round: bidizoo $1 with ND4J's defaults and plain DL4J calls (no NativeTeam scope, detached outputs)" >&2
          env -u OMP_NUM_THREADS java -Xmx6g -cp "$jar:$cp" org.bidizoo.cli.BidizooCli bench "$1" --json --plain-fit \
              --detached-output ${BENCH_ARGS:-} 2>/dev/null | tag "$round" | sed 's/"nd4j-defaults"/"nd4j-defaults-plain"/' >> "$out"
        fi
      fi
      echo "round $round, $t thread(s): peer $2" >&2
      for mode in train infer; do
        # smallcnn_jt's loss only exists in training: its inference is smallcnn's
        [ "$2:$mode" = "smallcnn_jt:infer" ] && continue
        bias=()
        case "$2" in lmser_dense|ae_dense|lmser_conv) [ "${PEER_BIAS:-1}" = 1 ] && bias=(--bias) ;; esac
        if ! line="$(/usr/bin/python3 "$peer" --model "$2" --mode "$mode" --threads "$t" "${bias[@]}" \
              ${PEER_ARGS:-} 2>"$out.peer-err" | tail -n 1)" || [ -z "$line" ]; then
          echo "the PyTorch peer failed on $2 ($mode, $t thread(s)); its stderr:" >&2
          cat "$out.peer-err" >&2
          exit 3
        fi
        echo "$line" | python3 -c "import json,sys; d=json.load(sys.stdin); d.update(impl='peer', round=$round); print(json.dumps(d))" >> "$out"
      done
    done
  done
done
echo "wrote $out" >&2
