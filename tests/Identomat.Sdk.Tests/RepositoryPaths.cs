namespace Identomat.Sdk.Tests;

/// <summary>
/// Locates source folders at run time by walking up from the test binaries to the solution file. CallerFilePath
/// cannot be used: CI builds map source paths to /_/ for deterministic output.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestSource(params string[] parts) => Path.Combine([Root, "tests", "Identomat.Sdk.Tests", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Identomat.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Identomat.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
