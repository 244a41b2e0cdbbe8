#!/bin/sh
# kutip extract as a streaming mapper, for Hadoop Streaming and Spark's
# RDD.pipe: JSON records on standard input, one line each, and one output
# line per record on standard output, in order. Every record is annotated on
# its own (no state between records), so a split of the input may go to any
# task. Each task loads the gazetteer once, when it starts.
#
#   KUTIP            the kutip binary (default: kutip in PATH)
#   KUTIP_GAZETTEER  gazetteer files added to the embedded one (kutip reads
#                    it as --gazetteer): ship them with the job (-files,
#                    --files) and name them here as the task sees them
#   KUTIP_WORKERS    records annotated in parallel per task (default 1: the
#                    framework runs a task per core)
#
# kutip extract exits 1 when some records failed: their error records are in
# the output, so for the framework the task succeeded. Other exits fail it.
"${KUTIP:-kutip}" extract --quiet --workers "${KUTIP_WORKERS:-1}"
status=$?
if [ "$status" -eq 1 ]; then
	exit 0
fi
exit "$status"
