#!/bin/sh
# Past one machine: `docgraph extract --format jsonl` is a pure function of
# each JSONL record, so a batch engine can run it over partitions of the
# input. Here GNU parallel plays the engine (as Spark's RDD.pipe or Hadoop
# streaming would): it cuts the records into pieces of 7, pipes each piece
# through `extract -i jsonl --format jsonl -` on 2 jobs, and keeps each
# piece's output in a file; importing the pieces must give the same graph
# counts as one import of the whole input.
#
#   partitions.sh DOCGRAPH GEN
set -eu
dg=$1
gen=$2
if ! command -v parallel >/dev/null 2>&1; then
  echo "SKIP: GNU parallel is not installed (Debian package parallel)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$gen" --seed 3 -o "$work/all.jsonl" 60

# One import of everything, extracting on the way.
"$dg" import -q --db "$work/one.db" "$work/all.jsonl"

# The pieces: each job reads its records on standard input and writes
# extract results on standard output, kept in a file of its own.
mkdir "$work/pieces"
parallel --will-cite --pipe -N 7 -j 2 --keep-order --files --tmpdir "$work/pieces" \
  "$dg" extract -i jsonl --format jsonl - < "$work/all.jsonl" > "$work/pieces.list"
pieces=$(wc -l < "$work/pieces.list")
if [ "$pieces" -lt 8 ]; then
  echo "FAIL: expected 9 pieces of 7 records, got $pieces"
  exit 1
fi
# Every record came out once.
records=$(cat $(cat "$work/pieces.list") | wc -l)
if [ "$records" -ne 60 ]; then
  echo "FAIL: the pieces hold $records records, not 60"
  exit 1
fi
# shellcheck disable=SC2046
"$dg" import -q --format jsonl --db "$work/pieces.db" $(cat "$work/pieces.list")

"$dg" stats --db "$work/one.db" -f tsv -u 0 | grep -E '^(node|edge|store)' > "$work/one.counts"
"$dg" stats --db "$work/pieces.db" -f tsv -u 0 | grep -E '^(node|edge|store)' > "$work/pieces.counts"
if ! diff -u "$work/one.counts" "$work/pieces.counts"; then
  echo "FAIL: importing the pieces gave other counts than one import"
  exit 1
fi
# And the counts are not empty ones.
if ! grep -q '^edge	implements	[1-9]' "$work/one.counts"; then
  echo "FAIL: no implements edge at all"
  exit 1
fi
echo "partitions: $pieces pieces, $(grep -c . "$work/one.counts") counts equal"
