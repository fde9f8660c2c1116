using System.Text.RegularExpressions;
using Identomat.Sdk.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Identomat.Sdk.Net8.Tests;

/// <summary>
/// Configuration as an ASP.NET Core 8 application reads it: the README's exact settings start the app, and a blank
/// secret (which is what .NET 8 makes of a JSON null) stays an error that says what to do, never signing turned off.
/// </summary>
public partial class ConfigurationTests
{
    private static async Task<Exception?> StartWith(string appsettings)
    {
        var folder = Directory.CreateTempSubdirectory("identomat-net8-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "appsettings.json"), appsettings);
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder.FullName, EnvironmentName = "Production" });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddIdentomat(builder.Configuration.GetSection("Identomat"));
            await using var app = builder.Build();
            try
            {
                await app.StartAsync();
                _ = app.Services.GetRequiredService<IIdentomatClient>();
                _ = app.Services.GetRequiredService<IdentomatCallbackParser>();
                await app.StopAsync();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public async Task The_READMEs_configuration_starts_an_ASP_NET_Core_8_app()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var block = JsonBlock().Matches(readme).Select(m => m.Groups[1].Value).Single(b => b.Contains("\"Identomat\"", StringComparison.Ordinal));

        Assert.That(await StartWith(block), Is.Null);
    }

    [TestCase("\"SecretKey\": null")]
    [TestCase("\"SecretKey\": \"\"")]
    [TestCase("\"SecretKey\": \"   \"")]
    public async Task A_blank_secret_key_stays_an_error_that_names_the_fix(string secret)
    {
        var ex = await StartWith($$"""{ "Identomat": { "CompanyKey": "ck", {{secret}} } }""");

        Assert.That(ex, Is.TypeOf<OptionsValidationException>());
        Assert.That(ex!.Message, Does.Contain("SecretKey is blank").And.Contain("remove the setting"));
    }

    [Test]
    public async Task A_null_company_key_is_reported_as_missing()
    {
        var ex = await StartWith("""{ "Identomat": { "CompanyKey": null } }""");

        Assert.That(ex!.Message, Does.Contain("CompanyKey is required"));
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
