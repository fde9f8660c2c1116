using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Identomat.Sdk.Tests.Docs;

/// <summary>
/// Every C# block of the READMEs (the repository's and each package's) compiles against the SDK as written. A block is
/// the body of an async method whose parameters are the few things a reader has in scope (see
/// <see cref="SnippetCompiler"/>); its own <c>using</c> directives go to the top of the file.
/// </summary>
public partial class ReadmeSnippetTests
{
    private static IEnumerable<TestCaseData> Snippets()
    {
        var readmes = new[] { "README.md" }.Concat(Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "src")).Select(d => Path.Combine(Path.GetFileName(d), "README.md")).Select(p => Path.Combine("src", p)))
            .Where(p => File.Exists(Path.Combine(RepositoryPaths.Root, p)));
        foreach (var readme in readmes)
        {
            var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, readme));
            var index = 0;
            foreach (Match block in CSharpBlock().Matches(text))
            {
                var line = text.Take(block.Index).Count(c => c == '\n') + 2;
                yield return new TestCaseData(readme, line, block.Groups[1].Value).SetArgDisplayNames(readme, $"block {++index} (line {line})");
            }
        }
    }

    [Test]
    public void Every_readme_has_compiled_blocks() =>
        Assert.That(Snippets().Select(s => (string)s.Arguments[0]!).Distinct(), Is.EquivalentTo(new[] { "README.md", "src/Identomat.Sdk/README.md", "src/Identomat.Sdk.Testing/README.md", "src/Identomat.Sdk.Testing.WireMock/README.md", "src/Identomat.Sdk.Lifecycle/README.md", "src/Identomat.Sdk.Lifecycle.Sqlite/README.md", "src/Identomat.Sdk.Lifecycle.PostgreSql/README.md" }));

    [TestCaseSource(nameof(Snippets))]
    public void The_block_compiles_as_written(string readme, int line, string code)
    {
        var errors = SnippetCompiler.Errors(readme, line, code);

        Assert.That(errors, Is.Empty, $"{readme}, block at line {line}:\n" + string.Join("\n", errors));
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
