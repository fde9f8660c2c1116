using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Identomat.Sdk.Tests.Golden;

internal static class GoldenJson
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
