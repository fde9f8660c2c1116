using System.Text.RegularExpressions;

namespace Identomat.Sdk.Tests.Docs;

/// <summary>
/// The README's F# block is the F# application CI compiles with warnings as errors (eng/consumer-fsharp, through
/// eng/consumer-smoke.sh): they cannot drift apart.
/// </summary>
public partial class FSharpSnippetTests
{
    [Test]
    public void The_READMEs_FSharp_block_is_the_compiled_FSharp_program()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var program = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "eng", "consumer-fsharp", "Program.fs"));

        Assert.That(FSharpBlock().Match(readme).Groups[1].Value, Is.EqualTo(program));
    }

    [GeneratedRegex("```fsharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FSharpBlock();
}
