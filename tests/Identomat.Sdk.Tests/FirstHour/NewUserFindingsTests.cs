using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Identomat.Sdk.Tests.FirstHour;

/// <summary>An application's own source-generated context can hold the SDK's results (its converters are public).</summary>
[JsonSerializable(typeof(VerificationResult))]
[JsonSerializable(typeof(IdentomatSession))]
internal sealed partial class AppJsonContext : JsonSerializerContext
{
}

/// <summary>What an independent new user found, each now a test.</summary>
public class NewUserFindingsTests
{
    [Test]
    public async Task Results_compare_by_value_whether_read_from_the_server_or_built_in_code()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        var token = fake.AddSession(FakeResults.Approved());

        var read = await client.GetResultAsync(token);

        Assert.That(read, Is.EqualTo(FakeResults.Approved()));
        const string json = """{"result":"manual_check","questionnaires":[{"key":"q","questions":[{"key":"a","answer":["x"]}]}],"extra":{"b":1,"a":2}}""";
        Assert.That(VerificationResult.FromJson(json), Is.EqualTo(VerificationResult.FromJson(json.Replace("{\"b\":1,\"a\":2}", "{\"a\":2,\"b\":1}", StringComparison.Ordinal))));
        Assert.That(VerificationResult.FromJson(json), Is.Not.EqualTo(VerificationResult.FromJson(json.Replace("\"b\":1", "\"b\":3", StringComparison.Ordinal))));
    }

    [Test]
    public void An_apps_own_source_generated_context_round_trips_results_and_sessions()
    {
        var result = VerificationResult.FromJson(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "result.approved-with-proof-of-address.json")));
        var session = new IdentomatSession("tok", new Uri("https://widget.identomat.com/?session_token=tok"), DateTimeOffset.UnixEpoch);

        var json = JsonSerializer.Serialize(result, AppJsonContext.Default.VerificationResult);
        var back = JsonSerializer.Deserialize(json, AppJsonContext.Default.VerificationResult)!;

        Assert.That(back.ToJson(), Is.EqualTo(result.ToJson()));
        Assert.That(JsonSerializer.Deserialize(JsonSerializer.Serialize(session, AppJsonContext.Default.IdentomatSession), AppJsonContext.Default.IdentomatSession)!.Token, Is.EqualTo("tok"));
    }

    [Test]
    public void The_fakes_callback_key_joins_the_configured_ones()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Identomat:CompanyKey"] = "ck", ["Identomat:CallbackApiKeys:0"] = "from the dashboard" }).Build();
        var services = new ServiceCollection();
        services.AddIdentomat(configuration.GetSection("Identomat"));
        services.UseIdentomatFake(fake);
        using var provider = services.BuildServiceProvider();
        var parser = provider.GetRequiredService<IdentomatCallbackParser>();

        Assert.That(parser.Parse(fake.CreateCallbackBody("x", "s")).Type, Is.EqualTo("x"));
        Assert.That(parser.Parse("{\"callbackApiKey\":\"from the dashboard\",\"type\":\"y\"}").Type, Is.EqualTo("y"));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().UseIdentomatFake(fake, "eu"), "faking a client nobody registered is an error");
    }

    [Test]
    public void SIGNATURE_INVALID_without_a_secret_key_says_to_set_it()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.Unauthorized, "\"SIGNATURE_INVALID\""u8.ToArray()));
        using var client = handler.Client();

        Assert.That(Assert.ThrowsAsync<IdentomatAuthenticationException>(() => client.GetResultAsync("tok"))!.Message, Does.Contain("set IdentomatClientOptions.SecretKey"));
    }

    [Test]
    public void A_misspelled_section_is_named_when_the_company_key_is_missing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Identomat:CompanyKey"] = "ck" }).Build();
        var services = new ServiceCollection();
        services.AddIdentomat(configuration.GetSection("Identomt"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(ex!.Message, Does.Contain("CompanyKey is required").And.Contain("bound from configuration section 'Identomt', which is missing or empty"));
    }

    [Test]
    public void A_bare_number_timeout_hints_that_it_was_read_as_days()
    {
        var options = new IdentomatClientOptions { CompanyKey = "ck", AttemptTimeout = TimeSpan.FromDays(200), TotalTimeout = TimeSpan.FromDays(200) };

        Assert.That(options.Validate(), Has.Some.Contains("a bare number is read as days"));
    }
}
