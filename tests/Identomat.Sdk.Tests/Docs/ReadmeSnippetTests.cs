using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Identomat.Sdk.Tests.Docs;

/// <summary>
/// Every C# block of the READMEs (the repository's and each package's) compiles against the SDK as written. A block is
/// the body of an async method whose parameters are the few things a reader has in scope (<c>builder</c>, <c>app</c>,
/// <c>services</c>, <c>myFlow</c>, <c>sms</c>, <c>seen</c>, <c>cancellationToken</c>); its own <c>using</c> directives
/// go to the top of the file.
/// </summary>
public partial class ReadmeSnippetTests
{
    private const string Preamble = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Identomat.Sdk;
        using Identomat.Sdk.Testing;
        using Identomat.Sdk.Testing.WireMock;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using NUnit.Framework;
        """;

    private const string Context = """
        public interface ISmsSender { Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken); }

        public interface IReplayStore { Task<bool> TryAddAsync(string key); }

        public static class Snippet
        {
            public static async Task Run(WebApplicationBuilder builder, WebApplication app, IServiceCollection services, SessionRequest myFlow, ISmsSender sms, IReplayStore seen, CancellationToken cancellationToken)
            {
        #line 1
        BODY
                await Task.CompletedTask;
            }
        }
        """;

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(local)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToArray();
    });

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
        Assert.That(Snippets().Select(s => (string)s.Arguments[0]!).Distinct(), Is.EquivalentTo(new[] { "README.md", "src/Identomat.Sdk/README.md", "src/Identomat.Sdk.Testing/README.md", "src/Identomat.Sdk.Testing.WireMock/README.md" }));

    [TestCaseSource(nameof(Snippets))]
    public void The_block_compiles_as_written(string readme, int line, string code)
    {
        var lines = code.Split('\n');
        var usings = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("using var ", StringComparison.Ordinal) && !l.StartsWith("using (", StringComparison.Ordinal) || l.Trim().Length == 0).ToList();
        var body = string.Join("\n", lines.Skip(usings.Count));
        var source = string.Join("\n", usings.Where(u => u.Trim().Length > 0 && !Preamble.Contains(u.Trim(), StringComparison.Ordinal))) + "\n" + Preamble + "\n" + Context.Replace("BODY", body, StringComparison.Ordinal);

        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12), path: readme)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.That(errors, Is.Empty, $"{readme}, block at line {line}:\n" + string.Join("\n", errors.Select(e => $"line {e.Location.GetLineSpan().StartLinePosition.Line + line}: {e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")));
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
