using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Identomat.Sdk.Lifecycle.Benchmarks -- --filter '*.InboxBenchmarks.*' '*.SweeperBenchmarks.*'
// Smoke run (what CI does): ... -- --filter '*.InboxBenchmarks.*' '*.SweeperBenchmarks.*' --job Dry --inProcess
// The sweeper at 10,000 and 100,000 rows (by hand; category Large): ... -- --filter '*.SweeperLargeBenchmarks.*'
// PostgreSQL benchmarks start a throwaway cluster (pg_config --bindir), as the tests do.
BenchmarkSwitcher.FromAssembly(typeof(Identomat.Sdk.Lifecycle.Benchmarks.InboxBenchmarks).Assembly).Run(args);
