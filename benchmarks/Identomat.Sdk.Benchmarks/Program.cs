using BenchmarkDotNet.Running;
using Identomat.Sdk.Benchmarks;

// dotnet run -c Release --project benchmarks/Identomat.Sdk.Benchmarks -- --filter '*'
// Smoke run (what CI does): ... -- --filter '*' --job Dry --inProcess
// Allocation breakdown of the full flow: ... -- alloc
// The SDK's CPU per call without a network: ... -- overhead
// The round trip, alternating the SDK and the hand-written integration (medians): ... -- roundtrip [callers]
// The full flow's parts (build, validate, write), best of batches: ... -- flowparts
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

if (args is ["flowparts"])
{
    AllocationBreakdown.PrintFlowParts();
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

if (args is ["roundtrip", ..])
{
    // Alternating batches of the SDK and the hand-written integration, medians of many rounds: on 2 shared cores the
    // loopback round trip is too noisy for short BenchmarkDotNet jobs to order two variants a few percent apart.
    var callers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
    var bench = new RoundTripBenchmarks { Callers = callers };
    bench.Setup(observe: false);
    var process = System.Diagnostics.Process.GetCurrentProcess();
    var variants = new (string Name, Func<Task> Run, List<double> Times, List<double> Cpu)[]
    {
        ("sdk", bench.Sdk, new(), new()), ("sdk, logged and traced", bench.SdkObserved, new(), new()), ("by hand", bench.Integrator, new(), new()),
        ("by hand, bounded read", bench.IntegratorWith(HandExtras.BoundedRead), new(), new()),
        ("by hand, bounded read and Polly", bench.IntegratorWith(HandExtras.BoundedRead | HandExtras.Resilience), new(), new()),
        ("raw", bench.Raw, new(), new()),
    };
    var batch = callers == 1 ? 400 : 20;
    for (var round = 0; round < 60; round++)
    {
        // The order turns every round: no variant always follows the same one (garbage left by the previous batch).
        for (var v = 0; v < variants.Length; v++)
        {
            var (name, run, times, cpu) = variants[(v + round) % variants.Length];
            bench.Trace(name.Contains("traced", StringComparison.Ordinal));
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < batch; i++)
            {
                await run();
            }

            var elapsed = clock.Elapsed.TotalMicroseconds / batch;
            process.Refresh();
            if (round >= 10)
            {
                times.Add(elapsed);
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMicroseconds / batch);
            }
        }
    }

    foreach (var (name, _, times, cpu) in variants)
    {
        times.Sort();
        cpu.Sort();
        Console.WriteLine($"{callers} callers, {name}: median {times[times.Count / 2]:F1} us (p25 {times[times.Count / 4]:F1}, p75 {times[times.Count * 3 / 4]:F1}); process CPU (client and server) median {cpu[cpu.Count / 2]:F1} us");
    }

    bench.Cleanup();
    return 0;
}

// A benchmark that throws (e.g. its setup's check that the variants agree) fails the run, and so CI.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
