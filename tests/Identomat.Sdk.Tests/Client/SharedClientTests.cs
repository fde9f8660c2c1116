using System.Net;
using Identomat.Sdk;
using Identomat.Sdk.Http;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Identomat.Sdk.Tests.Client;

/// <summary>The client AddIdentomat registers is one long-lived client per account, following its settings.</summary>
public class SharedClientTests
{
    private static readonly SessionRequest Flow = new SessionBuilder().AddLiveness().Build();

    [Test]
    public void Every_resolve_returns_the_accounts_one_client()
    {
        var services = new ServiceCollection();
        services.AddIdentomat(o => o.CompanyKey = "ck");
        services.AddIdentomat("eu", o => o.CompanyKey = "ck-eu");
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<IIdentomatClient>();

        Assert.That(provider.GetRequiredService<IIdentomatClient>(), Is.SameAs(first));
        Assert.That(provider.GetRequiredService<IdentomatClient>(), Is.SameAs(first));
        Assert.That(provider.GetRequiredService<IIdentomatClientFactory>().CreateClient(string.Empty), Is.SameAs(first));
        using (var scope = provider.CreateScope())
        {
            Assert.That(scope.ServiceProvider.GetRequiredService<IIdentomatClient>(), Is.SameAs(first));
        }

        var eu = provider.GetRequiredKeyedService<IIdentomatClient>("eu");
        Assert.That(eu, Is.Not.SameAs(first));
        Assert.That(provider.GetRequiredKeyedService<IIdentomatClient>("eu"), Is.SameAs(eu));
    }

    [Test]
    public async Task A_configuration_reload_reaches_the_shared_client()
    {
        var keys = new List<string>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identomat:CompanyKey"] = "ck-before",
            ["Identomat:BaseAddress"] = "https://api.test/external-api/",
        }).Build();
        var services = new ServiceCollection();
        services.AddIdentomat(configuration.GetSection("Identomat")).ConfigurePrimaryHttpMessageHandler(() => new StubHandler(request =>
        {
            keys.Add(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            return StubHandler.Answer(HttpStatusCode.OK, "\"tok\""u8.ToArray());
        }));
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IIdentomatClient>();
        await client.BeginSessionAsync(Flow);

        configuration["Identomat:CompanyKey"] = "ck-after";
        configuration.Reload();
        await client.BeginSessionAsync(Flow);

        Assert.That(keys[0], Does.Contain("\"company_key\":\"ck-before\""));
        Assert.That(keys[1], Does.Contain("\"company_key\":\"ck-after\""));
        Assert.That(provider.GetRequiredService<IIdentomatClient>(), Is.SameAs(client));
    }

    [Test]
    public async Task A_reload_with_an_invalid_setting_is_not_applied_says_so_in_a_warning_and_later_parsers_keep_the_valid_keys()
    {
        var keys = new List<string>();
        var logs = new FakeLogCollector();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identomat:CompanyKey"] = "ck-before",
            ["Identomat:CallbackApiKeys:0"] = "cb-before",
            ["Identomat:BaseAddress"] = "https://api.test/external-api/",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddIdentomat(configuration.GetSection("Identomat")).ConfigurePrimaryHttpMessageHandler(() => new StubHandler(request =>
        {
            keys.Add(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            return StubHandler.Answer(HttpStatusCode.OK, "\"tok\""u8.ToArray());
        }));
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IIdentomatClient>();
        await client.BeginSessionAsync(Flow);

        configuration["Identomat:CompanyKey"] = "ck-after";
        configuration["Identomat:CallbackApiKeys:0"] = "cb-after";
        configuration["Identomat:AttemptTimeout"] = "00:00:00.001";
        Assert.Catch(() => configuration.Reload(), "the options monitor throws to whoever reloads (a file watcher swallows it)");
        await client.BeginSessionAsync(Flow);
        var parser = provider.GetRequiredService<IdentomatCallbackParser>();

        Assert.That(keys[1], Does.Contain("\"company_key\":\"ck-before\""), "the previous settings stay in force");
        Assert.That(parser.Parse("{\"callbackApiKey\":\"cb-before\",\"type\":\"x\"}").Type, Is.EqualTo("x"), "a parser made after the bad reload has the valid keys");
        var warning = logs.GetSnapshot().Single(r => r.Level == LogLevel.Warning);
        Assert.That(warning.Message, Does.StartWith("Identomat: the reloaded settings of the default client are invalid and were not applied"));
        Assert.That(warning.Message, Does.Contain("AttemptTimeout"));
        Assert.That(warning.Message, Does.Not.Contain("ck-after").And.Not.Contain("cb-after"));
    }

    [Test]
    public async Task The_fake_serves_every_operation_of_the_SDKs_table_and_nothing_else()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var http = new HttpClient(fake.CreateHandler());

        foreach (var operation in ApiCalls.All)
        {
            using var response = await http.PostAsync(new Uri(fake.BaseAddress, operation.Path), new StringContent("{}"));
            Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.NotFound), operation.Path);
        }

        using var unknown = await http.PostAsync(new Uri(fake.BaseAddress, "result/selfie/"), new StringContent("{}"));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(Enum.GetValues<MediaKind>().Select(ApiCalls.Media).Select(o => o.Path).Distinct().Count(), Is.EqualTo(Enum.GetValues<MediaKind>().Length), "each media kind has its own path");
    }
}
