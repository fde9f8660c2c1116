using System.Reflection;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using PublicApiGenerator;

namespace Identomat.Sdk.Tests.PublicApi;

/// <summary>
/// The public API of each package is reviewed like code: its text (from the net10.0 build) is committed, and any
/// change fails this test until the approved file is updated. Run with IDENTOMAT_APPROVE_API=1 to accept the
/// received text, then review the diff.
/// </summary>
public class PublicApiTests
{
    private static IEnumerable<TestCaseData> Packages()
    {
        yield return new TestCaseData(typeof(SessionRequest).Assembly).SetArgDisplayNames("Identomat.Sdk");
        yield return new TestCaseData(typeof(IdentomatFakeServer).Assembly).SetArgDisplayNames("Identomat.Sdk.Testing");
        yield return new TestCaseData(typeof(Identomat.Sdk.Testing.WireMock.IdentomatWireMockServer).Assembly).SetArgDisplayNames("Identomat.Sdk.Testing.WireMock");
        yield return new TestCaseData(typeof(Identomat.Sdk.Lifecycle.IIdentomatVerifications).Assembly).SetArgDisplayNames("Identomat.Sdk.Lifecycle");
        yield return new TestCaseData(typeof(Microsoft.Extensions.DependencyInjection.IdentomatLifecycleSqliteExtensions).Assembly).SetArgDisplayNames("Identomat.Sdk.Lifecycle.Sqlite");
        yield return new TestCaseData(typeof(Microsoft.Extensions.DependencyInjection.IdentomatLifecyclePostgreSqlExtensions).Assembly).SetArgDisplayNames("Identomat.Sdk.Lifecycle.PostgreSql");
    }

    [TestCaseSource(nameof(Packages))]
    public void Public_api_matches_the_approved_file(Assembly assembly)
    {
        // The DI and endpoint extensions live in Microsoft.* namespaces, which the generator skips unless allowed.
        var options = new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
            AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection", "Microsoft.AspNetCore.Builder"],
        };
        var actual = assembly.GeneratePublicApi(options).ReplaceLineEndings("\n");
        var approved = RepositoryPaths.TestSource("PublicApi", assembly.GetName().Name + ".approved.txt");
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
}
