using System.Text.Encodings.Web;
using System.Text.Json;

namespace Identomat.Sdk.Tests.Golden;

internal static class GoldenJson
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Golden/ in the source tree (for rewriting the files), found from the test binaries' folder.</summary>
    public static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Identomat.Sdk.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Identomat.Sdk.Tests", "Golden");
            }
        }

        throw new InvalidOperationException("Identomat.Sdk.sln not found.");
    }
}
