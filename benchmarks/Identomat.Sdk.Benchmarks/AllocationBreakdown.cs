using Identomat.Sdk.Validation;

namespace Identomat.Sdk.Benchmarks;

/// <summary>Where the full flow's bytes and time go: builder, validation, serialization (measured after warm-up).</summary>
public static class AllocationBreakdown
{
    public static void Print()
    {
        for (var i = 0; i < 1000; i++)
        {
            FullFlow.Sdk();
        }

        var request = SessionRequest.FromJson(System.Text.Encoding.UTF8.GetString(FullFlow.Sdk()));
        Console.WriteLine($"whole flow:          {Measure(() => FullFlow.Sdk()),8} bytes");
        Console.WriteLine($"validation:          {Measure(() => SessionValidator.Validate(request)),8} bytes");
        // Begin validates the request and writes it with the credential: one validation, as a send does.
        Console.WriteLine($"serialize + validate: {Measure(() => Identomat.Sdk.Http.RequestBody.Begin(request, FullFlow.CompanyKey)),6} bytes");
        Console.WriteLine($"hand-written:        {Measure(() => FullFlow.HandWritten()),8} bytes");
        PrintFlowParts();
        var large = ResultBenchmarks.LargeResult();
        var results = new ResultBenchmarks();
        results.Setup();
        Console.WriteLine($"time parse 20 KB:    {Time(() => VerificationResult.Read(large)!):F2} us");
        Console.WriteLine($"time traversal:      {Time(() => results.Traversal()):F2} us");
    }

    /// <summary>
    /// The flow guard's parts: building the records (<c>Build()</c> validates them once), validating, writing, and the
    /// <c>begin/</c> body (validation and the write with the credential), against reflection and a hand-written writer.
    /// </summary>
    public static void PrintFlowParts()
    {
        var built = FullFlow.Build();
        Console.WriteLine($"build (validates once)  {Time(() => FullFlow.Build()):F2} us");
        Console.WriteLine($"validate                {Time(() => built.Validate()):F2} us");
        Console.WriteLine($"write                   {Time(() => Identomat.Sdk.Serialization.RequestJson.Write(built)):F2} us");
        Console.WriteLine($"begin body              {Time(() => Identomat.Sdk.Http.RequestBody.Begin(built, FullFlow.CompanyKey)):F2} us");
        Console.WriteLine($"SDK, the whole flow     {Time(() => FullFlow.Sdk()):F2} us");
        Console.WriteLine($"reflection, anonymous   {Time(() => FullFlow.ReflectionAnonymous()):F2} us");
        Console.WriteLine($"hand-written writer     {Time(() => FullFlow.HandWritten()):F2} us");
    }

    /// <summary>The best of 15 batches of 5,000 calls, after 20,000 to warm up: a floor, less moved by a busy machine than a mean.</summary>
    private static double Time(Func<object> action)
    {
        for (var i = 0; i < 20_000; i++)
        {
            action();
        }

        var best = double.MaxValue;
        for (var round = 0; round < 15; round++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 5_000; i++)
            {
                action();
            }

            best = Math.Min(best, clock.Elapsed.TotalMicroseconds / 5_000);
        }

        return best;
    }

    private static long Measure(Func<object> action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
