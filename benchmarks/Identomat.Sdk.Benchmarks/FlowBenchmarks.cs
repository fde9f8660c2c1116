using BenchmarkDotNet.Attributes;

namespace Identomat.Sdk.Benchmarks;

/// <summary>Target: SDK ≤ 2× the hand-written writer (time and bytes), faster than the reflection baseline.</summary>
[MemoryDiagnoser]
public class FlowBenchmarks
{
    [GlobalSetup]
    public void Setup() => FullFlow.Check();

    [Benchmark(Description = "SDK: build + validate + serialize")]
    public byte[] Sdk() => FullFlow.Sdk();

    [Benchmark(Description = "Reflection JsonSerializer, anonymous objects")]
    public byte[] Reflection() => FullFlow.ReflectionAnonymous();

    [Benchmark(Baseline = true, Description = "Hand-written Utf8JsonWriter")]
    public byte[] HandWritten() => FullFlow.HandWritten();

    [Benchmark(Description = "Hand-written Utf8JsonWriter, relaxed escaping (the SDK's writer setting)")]
    public byte[] HandWrittenRelaxed() => FullFlow.HandWrittenRelaxed();
}
