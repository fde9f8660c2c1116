using BenchmarkDotNet.Running;
using Identomat.Sdk.Benchmarks;

// dotnet run -c Release --project benchmarks/Identomat.Sdk.Benchmarks -- --filter '*'
// Smoke run (what CI does): ... -- --filter '*' --job Dry --inProcess
// Allocation breakdown of the full flow: ... -- alloc
// The full flow in a loop, for a profiler: dotnet-trace collect -- dotnet <the built dll> flowloop
if (args is ["flowloop"])
{
    // For a profiler: the full flow in a loop (dotnet-trace collect -- dotnet <dll> flowloop).
    for (var i = 0; i < 400_000; i++)
    {
        FullFlow.Sdk();
    }

    return 0;
}

if (args is ["alloc"])
{
    AllocationBreakdown.Print();
    return 0;
}

if (args is ["overhead"])
{
    await OverheadProbe.Run();
    return 0;
}

if (args is ["roundtrip"])
{
    var bench = new RoundTripBenchmarks { Callers = 1 };
    bench.Setup();
    foreach (var (name, run) in new (string, Func<Task>)[] { ("sdk", bench.Sdk), ("raw", bench.Raw), ("by hand", bench.Integrator), ("sdk", bench.Sdk), ("raw", bench.Raw), ("by hand", bench.Integrator), ("begin only", bench.BeginOnly), ("result only", bench.ResultOnly) })
    {
        for (var i = 0; i < 2000; i++)
        {
            await run();
        }

        var bytes = GC.GetTotalAllocatedBytes(true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5000; i++)
        {
            await run();
        }

        Console.WriteLine($"{name}: {clock.Elapsed.TotalMicroseconds / 5000:F1} us, {(GC.GetTotalAllocatedBytes(true) - bytes) / 5000.0:F0} bytes (approx)");
    }

    bench.Cleanup();
    return 0;
}

// A benchmark that throws (e.g. its setup's check that the variants agree) fails the run, and so CI.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
