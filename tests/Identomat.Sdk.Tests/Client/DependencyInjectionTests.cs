using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Identomat.Sdk.Tests.FirstHour;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.Server;
using static Identomat.Sdk.Tests.Client.Stubs;

namespace Identomat.Sdk.Tests.Client;

public class DependencyInjectionTests
{
    [Test]
    public async Task Options_bind_from_configuration_and_the_client_works()
    {
        using var server = WireMockServer.Start();
        server.Answer("result/", Json("{\"result\":\"approved\"}"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identomat:CompanyKey"] = "ck_from_config",
            ["Identomat:BaseAddress"] = server.Url + "/external-api/",
            ["Identomat:MaxRetries"] = "5",
            ["Identomat:AttemptTimeout"] = "00:00:07",
            ["Identomat:RetryBeginSessionAfterSend"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddIdentomat(configuration.GetSection("Identomat"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<IdentomatClientOptions>>().Value;
        var result = await provider.GetRequiredService<IIdentomatClient>().GetResultAsync("tok");

        Assert.That((options.CompanyKey, options.MaxRetries, options.AttemptTimeout, options.RetryBeginSessionAfterSend), Is.EqualTo(("ck_from_config", 5, TimeSpan.FromSeconds(7), true)));
        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Approved));
        Assert.That(server.LogEntries.Single().RequestMessage!.Body, Does.Contain("\"company_key\":\"ck_from_config\""));
        Assert.That(provider.GetRequiredService<IdentomatClient>(), Is.Not.Null);
    }

    [TestCase(null, "https://widget.identomat.com/external-api/", "CompanyKey is required")]
    [TestCase("  ", "https://widget.identomat.com/external-api/", "CompanyKey is required")]
    [TestCase("ck", "http://example.com/external-api/", "BaseAddress must use HTTPS")]
    public void Invalid_options_fail_at_start_with_a_clear_message(string? key, string address, string message)
    {
        var services = new ServiceCollection();
        services.AddIdentomat(o => { o.CompanyKey = key; o.BaseAddress = new Uri(address); });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(ex!.Message, Does.Contain("the default Identomat client: " + message));
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IIdentomatClient>());
    }

    [Test]
    public void Plain_http_is_allowed_on_loopback_only() =>
        Assert.That(new IdentomatClientOptions { CompanyKey = "ck", BaseAddress = new Uri("http://localhost:5000/external-api/") }.Validate(), Is.Empty);

    [Test]
    public void Direct_construction_validates_too() =>
        Assert.That(() => new IdentomatClient(new IdentomatClientOptions()), Throws.ArgumentException.With.Message.Contains("CompanyKey is required"));

    [Test]
    public async Task Two_accounts_side_by_side_use_their_own_keys_and_servers()
    {
        using var eu = WireMockServer.Start();
        using var us = WireMockServer.Start();
        eu.Answer("result/", Json("{\"result\":\"approved\"}"));
        us.Answer("result/", Json("{\"result\":\"rejected\"}"));
        var services = new ServiceCollection();
        services.AddIdentomat("eu", o => { o.CompanyKey = "ck_eu"; o.BaseAddress = new Uri(eu.Url + "/external-api/"); });
        services.AddIdentomat("us", o => { o.CompanyKey = "ck_us"; o.BaseAddress = new Uri(us.Url + "/external-api/"); });
        using var provider = services.BuildServiceProvider();

        var euResult = await provider.GetRequiredKeyedService<IIdentomatClient>("eu").GetResultAsync("t1");
        var usResult = await provider.GetRequiredService<IIdentomatClientFactory>().CreateClient("us").GetResultAsync("t2");

        Assert.That(euResult.Status, Is.EqualTo(VerificationStatus.Approved));
        Assert.That(usResult.Status, Is.EqualTo(VerificationStatus.Rejected));
        Assert.That(eu.LogEntries.Single().RequestMessage!.Body, Does.Contain("ck_eu"));
        Assert.That(us.LogEntries.Single().RequestMessage!.Body, Does.Contain("ck_us"));
        Assert.That(provider.GetService<IIdentomatClient>(), Is.Null, "no default client was registered");
    }

    [Test]
    public async Task The_returned_builder_adds_handlers_to_the_clients_pipeline()
    {
        using var server = WireMockServer.Start();
        server.Answer("result/", Json("{}"));
        var seen = new List<string>();
        var services = new ServiceCollection();
        services.AddIdentomat(o => { o.CompanyKey = "ck"; o.BaseAddress = new Uri(server.Url + "/external-api/"); })
            .AddHttpMessageHandler(() => new RecordingHandler(seen));
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IIdentomatClient>().GetResultAsync("t");

        Assert.That(seen, Is.EqualTo(new[] { "POST /external-api/result/" }));
    }

    [Test]
    public void Options_ToString_masks_the_keys()
    {
        var options = new IdentomatClientOptions { CompanyKey = "ck_secret_value", SecretKey = "sk_secret_value" };
        Assert.That(options.ToString(), Does.Not.Contain("secret_value").And.Contain("CompanyKey = ***"));
    }

    private sealed class RecordingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.Method + " " + request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
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
}
