using System.Text.Encodings.Web;
using System.Text.Json;

namespace Identomat.Sdk.Tests.Golden;

internal static class GoldenJson
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Golden/ in the source tree, for rewriting the files.</summary>
    public static string SourceDirectory() => RepositoryPaths.TestSource("Golden");
}
