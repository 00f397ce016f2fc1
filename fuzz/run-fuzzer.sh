#!/bin/sh
# run-fuzzer.sh HARNESS SCRATCH_CORPUS SEED_CORPUS SECONDS
#
# Fuzzes for SECONDS, writing new inputs to SCRATCH_CORPUS (seeds stay
# untouched) and any crash to SCRATCH_CORPUS/../; fails when the fuzzer
# finds a crash, a leak or undefined behaviour.

set -eu
harness=$1
scratch=$2
seeds=$3
seconds=$4

mkdir -p "$scratch"
exec "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$(dirname "$scratch")/" "$scratch" "$seeds"
