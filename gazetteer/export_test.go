package gazetteer

// WriteSyntheticGazetteer lets the external benchmarks (extract_bench_test.go)
// generate the user gazetteer that BenchmarkLoadMillion reads.
var WriteSyntheticGazetteer = writeSyntheticGazetteer
