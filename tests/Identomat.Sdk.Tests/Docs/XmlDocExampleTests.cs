using System.Net;
using System.Text.RegularExpressions;

namespace Identomat.Sdk.Tests.Docs;

/// <summary>Every <c>&lt;code&gt;</c> example in the packages' XML documentation compiles, as the READMEs' blocks do.</summary>
public partial class XmlDocExampleTests
{
    private static IEnumerable<TestCaseData> Examples()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in sources.Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            foreach (Match example in CodeExample().Matches(text))
            {
                var line = text.Take(example.Index).Count(c => c == '\n') + 2;
                var code = string.Join("\n", example.Groups[1].Value.Split('\n').Select(l => CommentPrefix().Replace(l, string.Empty)));
                var relative = Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/');
                yield return new TestCaseData(relative, line, WebUtility.HtmlDecode(code)).SetArgDisplayNames(relative, $"line {line}");
            }
        }
    }

    [Test]
    public void The_packages_have_examples() => Assert.That(Examples().Count(), Is.GreaterThanOrEqualTo(10));

    [TestCaseSource(nameof(Examples))]
    public void The_example_compiles_as_written(string file, int line, string code)
    {
        var errors = SnippetCompiler.Errors(file, line, code);

        Assert.That(errors, Is.Empty, $"{file}, example at line {line}:\n{code}\n" + string.Join("\n", errors));
    }

    [GeneratedRegex(@"<code>\s*\n(.*?)\n\s*///\s*</code>", RegexOptions.Singleline)]
    private static partial Regex CodeExample();

    [GeneratedRegex(@"^\s*/// ?")]
    private static partial Regex CommentPrefix();
}
