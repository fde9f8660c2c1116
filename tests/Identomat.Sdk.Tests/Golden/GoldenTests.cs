using System.Text.Json;
using Identomat.Sdk;

namespace Identomat.Sdk.Tests.Golden;

/// <summary>The builder's output, compared with the expected wire JSON kept in Golden/*.json.</summary>
public class GoldenTests
{
    private static string GoldenPath(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", name + ".json");

    [TestCaseSource(typeof(GoldenCases), nameof(GoldenCases.All))]
    public void Wire_json_matches_the_golden_file(string file, Func<SessionRequest> build)
    {
        var actual = build().ToJson();
        var path = GoldenPath(file);
        if (Environment.GetEnvironmentVariable("IDENTOMAT_WRITE_GOLDEN") == "1")
        {
            var pretty = JsonSerializer.Serialize(JsonDocument.Parse(actual).RootElement, GoldenJson.Indented);
            var source = Path.Combine(GoldenJson.SourceDirectory(), file + ".json");
            File.WriteAllText(source, pretty + "\n");
            Assert.Inconclusive($"wrote {source}");
        }

        JsonAssert.AreEquivalent(File.ReadAllText(path), actual);
    }

    [TestCaseSource(typeof(GoldenCases), nameof(GoldenCases.All))]
    public void Golden_file_reads_back_to_an_equal_request_and_the_same_json(string file, Func<SessionRequest> build)
    {
        var golden = File.ReadAllText(GoldenPath(file));
        var read = SessionRequest.FromJson(golden);

        Assert.That(read, Is.EqualTo(build()));
        JsonAssert.AreEquivalent(golden, read.ToJson());
    }
}
