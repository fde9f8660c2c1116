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
        Console.WriteLine($"serialize (no valid.): {Measure(() => { request.Validate(); return request.ToUtf8Json(FullFlow.CompanyKey); }),6} bytes");
        Console.WriteLine($"hand-written:        {Measure(() => FullFlow.HandWritten()),8} bytes");
    }

    private static long Measure(Func<object> action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
