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

    /// <summary>
    /// Byte for byte, property order included: the golden file without its indentation (same relaxed escaping as the
    /// wire) must be exactly what <see cref="SessionRequest.ToJson"/> writes, and what a read of the file writes back.
    /// </summary>
    [TestCaseSource(typeof(GoldenCases), nameof(GoldenCases.All))]
    public void Wire_json_is_the_golden_file_byte_for_byte(string file, Func<SessionRequest> build)
    {
        var golden = File.ReadAllText(GoldenPath(file));
        using var document = JsonDocument.Parse(golden);
        var compact = JsonSerializer.Serialize(document.RootElement, GoldenJson.Compact);

        Assert.That(build().ToJson(), Is.EqualTo(compact));
        Assert.That(SessionRequest.FromJson(golden).ToJson(), Is.EqualTo(compact));
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
