# kutip extract under Spark's RDD.pipe: each partition's lines go through
# kutip-map.sh, one output line per input line.
#
#   spark-submit --files kutip,kutip-map.sh,gazetteer.tsv spark_pipe.py IN OUT
#
# (the kutip binary built for the workers' platform: GOOS=linux go build ./cmd/kutip)
import sys

from pyspark import SparkContext, SparkFiles

sc = SparkContext(appName="kutip extract")
src, dst = sys.argv[1], sys.argv[2]
env = {"KUTIP": SparkFiles.get("kutip"), "KUTIP_GAZETTEER": SparkFiles.get("gazetteer.tsv")}
(sc.textFile(src)  # .gz files are read too, one partition per file
   .filter(lambda line: line.strip() != "")
   .pipe("sh " + SparkFiles.get("kutip-map.sh"), env=env)
   .saveAsTextFile(dst, compressionCodecClass="org.apache.hadoop.io.compress.GzipCodec"))
