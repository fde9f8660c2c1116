using BenchmarkDotNet.Running;
using Identomat.Sdk.Benchmarks;

// dotnet run -c Release --project benchmarks/Identomat.Sdk.Benchmarks -- --filter '*'
// Smoke run (what CI does): ... -- --filter '*' --job Dry --inProcess
// Allocation breakdown of the full flow: ... -- alloc
if (args is ["alloc"])
{
    AllocationBreakdown.Print();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
