using Identomat.Sdk.Validation;

namespace Identomat.Sdk.Benchmarks;

/// <summary>Where the full flow's bytes go: builder, validation, serialization (measured after warm-up).</summary>
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
        Console.WriteLine($"serialize + validate: {Measure(() => { request.Validate(); return Identomat.Sdk.Http.RequestBody.Begin(request, FullFlow.CompanyKey); }),6} bytes");
        Console.WriteLine($"hand-written:        {Measure(() => FullFlow.HandWritten()),8} bytes");
        Console.WriteLine($"time whole flow:     {Time(() => FullFlow.Sdk()):F2} us");
        Console.WriteLine($"time validation:     {Time(() => SessionValidator.Validate(request)):F2} us");
        Console.WriteLine($"time serialize:      {Time(() => { request.Validate(); return Identomat.Sdk.Http.RequestBody.Begin(request, FullFlow.CompanyKey); }):F2} us");
        Console.WriteLine($"time reflection:     {Time(() => FullFlow.ReflectionAnonymous()):F2} us");
        Console.WriteLine($"time hand-written:   {Time(() => FullFlow.HandWritten()):F2} us");
        var large = ResultBenchmarks.LargeResult();
        var results = new ResultBenchmarks();
        results.Setup();
        Console.WriteLine($"time parse 20 KB:    {Time(() => VerificationResult.Read(large)!):F2} us");
        Console.WriteLine($"time traversal:      {Time(() => results.Traversal()):F2} us");
    }

    private static double Time(Func<object> action)
    {
        for (var i = 0; i < 20000; i++)
        {
            action();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20000; i++)
        {
            action();
        }

        return clock.Elapsed.TotalMicroseconds / 20000;
    }

    private static long Measure(Func<object> action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
