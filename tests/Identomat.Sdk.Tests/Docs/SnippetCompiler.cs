using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Identomat.Sdk.Tests.Docs;

/// <summary>
/// Compiles a documentation snippet as a reader would paste it: the body of an async method whose parameters are the
/// few things a reader has in scope (<c>builder</c>, <c>app</c>, <c>services</c>, <c>configuration</c>, <c>myFlow</c>,
/// <c>companyKey</c>, <c>sms</c>, <c>seen</c>, <c>sessions</c>, <c>factory</c>, <c>cancellationToken</c>); the
/// snippet's own <c>using</c> directives go to the top of the file.
/// </summary>
internal static partial class SnippetCompiler
{
    private const string Preamble = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Security.Claims;
        using System.Threading;
        using System.Threading.Tasks;
        using Identomat.Sdk;
        using Identomat.Sdk.Testing;
        using Identomat.Sdk.Testing.WireMock;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.TestHost;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using NUnit.Framework;
        """;

    private const string Context = """
        public interface ISmsSender { Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken); }

        public interface IReplayStore { Task<bool> TryAddAsync(string key); }

        public interface ISessionStore
        {
            Task SaveAsync(string userId, IdentomatSession session, CancellationToken cancellationToken);
            Task<IdentomatSession?> SessionOfAsync(string userId, CancellationToken cancellationToken);
        }

        public sealed class Snippet
        {
            public static async Task Run(
                WebApplicationBuilder builder, WebApplication app, IServiceCollection services, IConfiguration configuration,
                SessionRequest myFlow, string companyKey, ISmsSender sms, IReplayStore seen,
                ISessionStore sessions, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Snippet> factory, CancellationToken cancellationToken)
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

    /// <summary>The compiler's errors for the snippet, each with its line in the document; empty when it compiles.</summary>
    public static IReadOnlyList<string> Errors(string document, int line, string code)
    {
        var lines = code.Split('\n');
        var usings = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("using var ", StringComparison.Ordinal) && !l.StartsWith("using (", StringComparison.Ordinal) || l.Trim().Length == 0).ToList();
        // Type declarations a reader adds beside the code (a DbContext, a handler) start at the first line that
        // declares one at the left margin: they go after the method, at file level.
        var rest = lines.Skip(usings.Count).ToList();
        var types = rest.FindIndex(l => TypeDeclaration().IsMatch(l));
        var body = string.Join("\n", types < 0 ? rest : rest.Take(types));
        var declarations = types < 0 ? string.Empty : "#line " + (types + 1) + "\n" + string.Join("\n", rest.Skip(types));
        var source = string.Join("\n", usings.Where(u => u.Trim().Length > 0 && !Preamble.Contains(u.Trim(), StringComparison.Ordinal))) + "\n" + Preamble + "\n"
            + Context.Replace("BODY", body, StringComparison.Ordinal) + "\n" + declarations;

        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12), path: document)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(e => $"line {e.Location.GetLineSpan().StartLinePosition.Line + line}: {e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(public |internal )?(sealed |static |abstract )?(partial )?(class|record|interface) ")]
    private static partial System.Text.RegularExpressions.Regex TypeDeclaration();
}
