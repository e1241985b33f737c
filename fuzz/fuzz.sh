#!/usr/bin/env bash
# Fuzz one harness for SECONDS: fuzz/fuzz.sh NAME SECONDS [PYTHON]
# The working corpus grows in fuzz/corpus/NAME (seeded from the repository each run);
# crash inputs land in fuzz/crashes/. Exit status 1 when a crash was found.
set -euo pipefail
name=$1 seconds=$2 python=${3:-python3}
here=$(cd "$(dirname "$0")" && pwd)
case $name in
  loader) max_len=16384 ;;
  settings) max_len=4096 ;;
  *) max_len=512 ;;
esac
mkdir -p "$here/corpus/$name" "$here/crashes"
"$python" "$here/seeds.py" "$name" "$here/corpus/$name"
exec "$python" "$here/run.py" "$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$here/crashes/$name-" "$here/corpus/$name"
