using System.Runtime.CompilerServices;
using Identomat.Sdk;
using PublicApiGenerator;

namespace Identomat.Sdk.Tests.PublicApi;

/// <summary>
/// The public API is reviewed like code: its text (from the net10.0 build) is committed, and any change fails this
/// test until the approved file is updated. Run with IDENTOMAT_APPROVE_API=1 to accept the received text.
/// </summary>
public class PublicApiTests
{
    [Test]
    public void Public_api_matches_the_approved_file()
    {
        var options = new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] };
        var actual = typeof(SessionRequest).Assembly.GeneratePublicApi(options).ReplaceLineEndings("\n");
        var approved = Path.Combine(SourceDirectory(), "Identomat.Sdk.approved.txt");
        var received = Path.ChangeExtension(approved, ".received.txt");

        if (Environment.GetEnvironmentVariable("IDENTOMAT_APPROVE_API") == "1")
        {
            File.WriteAllText(approved, actual);
        }

        var expected = File.Exists(approved) ? File.ReadAllText(approved).ReplaceLineEndings("\n") : string.Empty;
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"The public API changed. Review {received}; if intended, copy it over {approved} (or run with IDENTOMAT_APPROVE_API=1) and record the change in CHANGELOG.md.");
        }

        File.Delete(received);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
