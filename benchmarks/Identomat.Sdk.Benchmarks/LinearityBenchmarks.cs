using System.Text;
using BenchmarkDotNet.Attributes;

namespace Identomat.Sdk.Benchmarks;

/// <summary>
/// Work that grows with input whose size an attacker chooses: unknown properties of a flow read from JSON, languages
/// of a questionnaire answer, unknown fields of a result, equality of two flows with a large raw object. Target: linear, so the 100k row takes about 10 times the 10k
/// row (it was quadratic: 80k unknown properties took 9 s to read).
/// </summary>
[MemoryDiagnoser]
public class LinearityBenchmarks
{
    private string _flow = null!;
    private string _result = null!;
    private QuestionAnswer _answer = null!;
    private SessionRequest _left = null!;
    private SessionRequest _right = null!;

    [Params(10_000, 100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _flow = "{\"flags\":" + Object(Entries, i => $"\"u{i}\":{i}") + ",\"steps\":[]}";
        _result = Object(Entries, i => $"\"f{i}\":\"v\"");
        var raw = "{\"x\":" + Object(Entries, i => $"\"k{i}\":{i}") + "}";
        (_left, _right) = (SessionRequest.FromJson(raw), SessionRequest.FromJson(raw));
        _answer = VerificationResult.FromJson("{\"questionnaires\":[{\"key\":\"q\",\"questions\":[{\"key\":\"a\",\"answer\":" + Object(Entries, i => $"\"l{i}\":\"t\"") + "}]}]}")
            .Questionnaires![0].Questions![0];
    }

    [Benchmark]
    public int FlowUnknownProperties() => SessionRequest.FromJson(_flow).Flags!.AdditionalProperties!.Count;

    [Benchmark]
    public int AnswerLanguages() => _answer.Localized!.Count;

    [Benchmark]
    public bool FlowEquality() => _left == _right;

    [Benchmark]
    public int ResultUnknownFields() => VerificationResult.FromJson(_result).AdditionalProperties.Count;

    private static string Object(int count, Func<int, string> member)
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(member(i));
        }

        return text.Append('}').ToString();
    }
}
