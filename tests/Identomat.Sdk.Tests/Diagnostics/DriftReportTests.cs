using System.Diagnostics.Metrics;
using Identomat.Sdk.Diagnostics;
using Identomat.Sdk.Tests.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static Identomat.Sdk.Tests.Client.Stubs;

namespace Identomat.Sdk.Tests.Diagnostics;

/// <summary>
/// What the vendor sent that the SDK does not model, reported by name: counted on <c>identomat.client.unknown</c>, logged
/// once per name per process, never with a value, bounded against a server that invents names.
/// </summary>
[NonParallelizable]
public class DriftReportTests
{
    private const string Unknown = "identomat.client.unknown";

    [SetUp]
    public void ForgetEarlierNames() => Drift.Reset();

    private static string? Tag(KeyValuePair<string, object?>[] tags, string name) => tags.FirstOrDefault(t => t.Key == name).Value as string;

    private static List<string?> Reported(ClientHarness h, string kind) =>
        h.Measurements.Where(m => m.Instrument == Unknown && Tag(m.Tags, "identomat.unknown.kind") == kind)
            .Select(m => Tag(m.Tags, "identomat.unknown.name")).ToList();

    private static List<string> Logged(FakeLogCollector logs) =>
        logs.GetSnapshot().Where(l => l.Id.Id == 8).Select(l => l.Message).ToList();

    [Test]
    public async Task Unknown_fields_and_values_of_a_result_are_reported_by_name_but_not_the_fields_of_an_open_OCR_object()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json(ClientHarness.Fixture("result.unknown-status-and-fields")));

        var result = await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.That(
            Reported(h, Drift.Property),
            Is.EquivalentTo(new[] { "VerificationResult.riskScore", "VerificationResult.newTopLevelFlag", "Person.middle_name_v2" }),
            "the page's final fields (latitude, roomCount) hold unknown names by design");
        Assert.That(
            Reported(h, Drift.Value),
            Is.EquivalentTo(new[] { "VerificationStatus.declined_terms", "DocumentType.military_id" }),
            "a general document's type is free text in results");
        Assert.That(Logged(h.Logs), Has.Count.EqualTo(5));
        Assert.That(Logged(h.Logs), Does.Contain(
            "Identomat sent a property this SDK version does not model: Person.middle_name_v2; it was kept (logged once per process, counted on identomat.client.unknown)"));
        Assert.That(h.Logs.GetSnapshot().Where(l => l.Id.Id == 8).Select(l => l.Level), Is.All.EqualTo(LogLevel.Information));
        Assert.That(result.AdditionalProperties.Keys, Is.EquivalentTo(new[] { "riskScore", "newTopLevelFlag" }), "tolerated: kept, not dropped");
    }

    [Test]
    public async Task Each_name_is_logged_once_per_process_and_counted_every_time()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json("{\"result\":\"on_hold\",\"extra\":1}"));

        await h.Client.GetResultAsync(ClientHarness.Token);
        await h.Client.GetResultAsync(ClientHarness.Token);
        using var second = new ClientHarness();
        second.Server.Answer("result/", Json("{\"result\":\"on_hold\",\"extra\":2}"));
        await second.Client.GetResultAsync(ClientHarness.Token);

        Assert.That(Reported(h, Drift.Value), Is.EqualTo(new[] { "VerificationStatus.on_hold", "VerificationStatus.on_hold", "VerificationStatus.on_hold" }));
        Assert.That(Logged(h.Logs), Has.Count.EqualTo(2), "one line per name");
        Assert.That(Logged(second.Logs), Is.Empty, "already logged in this process, by another client");
    }

    [Test]
    public async Task Known_values_from_the_types_registry_and_modelled_fields_are_not_reported()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json(
            "{\"result\":\"approved\",\"document_type\":\"driver_license\",\"person\":{\"first_name\":\"A\"}," +
            "\"generalDocuments\":[{\"documentType\":\"utility_bill\"}],\"id_card_front\":{\"anything\":\"x\"}}"));

        await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.That(h.Measurements.Where(m => m.Instrument == Unknown), Is.Empty);
        Assert.That(Logged(h.Logs), Is.Empty);
    }

    // A name is a plain token of at most 64 characters, else (other); the value is never reported.
    [TestCase("a b")]
    [TestCase("caf\u00e9")]
    [TestCase("<script>")]
    [TestCase("x\u2028y")]
    [TestCase("")]
    [TestCase("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_name_that_is_not_a_short_plain_token_is_reported_as_other_and_no_value_ever(string name)
    {
        using var h = new ClientHarness();
        var escaped = System.Text.Json.JsonSerializer.Serialize(name);
        h.Server.Answer("result/", Json("{" + escaped + ":\"secret-value-4711\",\"result\":" + escaped + "}"));

        await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.That(Reported(h, Drift.Property), Is.EqualTo(new[] { Drift.Other }));
        Assert.That(Reported(h, Drift.Value), Is.EqualTo(name.Length == 0 ? Array.Empty<string>() : new[] { Drift.Other }), "an empty status is no value");
        Assert.That(h.CapturedTelemetry(), Does.Not.Contain("secret-value-4711"));
    }

    [Test]
    public async Task A_server_inventing_names_gets_a_bounded_set_of_them_then_other()
    {
        using var h = new ClientHarness();
        var names = Enumerable.Range(0, Drift.MaxNamesPerKind + 50).Select(i => $"\"field{i}\":{i}");
        h.Server.Answer("result/", Json("{" + string.Join(",", names) + "}"));

        await h.Client.GetResultAsync(ClientHarness.Token);

        var reported = Reported(h, Drift.Property);
        Assert.That(reported, Has.Count.EqualTo(Drift.MaxNamesPerKind + 50), "each is counted");
        Assert.That(reported.Distinct().Count(), Is.EqualTo(Drift.MaxNamesPerKind + 1), "the first names, then (other)");
        Assert.That(reported.Count(n => n == Drift.Other), Is.EqualTo(50));
        Assert.That(Logged(h.Logs), Has.Count.EqualTo(Drift.MaxNamesPerKind + 1));
    }

    [Test]
    public void An_unknown_callback_type_is_reported_and_logged_by_the_registered_parser()
    {
        var logs = new FakeLogCollector();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddIdentomat(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CompanyKey"] = "ck",
                ["CallbackApiKeys:0"] = "cb-key",
            }).Build());
        using var provider = services.BuildServiceProvider();
        var parser = provider.GetRequiredService<IdentomatCallbackParser>();
        var measurements = new List<(string? Kind, string? Name)>();
        using var meters = new MeterListener { InstrumentPublished = (i, l) => { if (i.Name == Unknown) { l.EnableMeasurementEvents(i); } } };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            measurements.Add((Tag(tags.ToArray(), "identomat.unknown.kind"), Tag(tags.ToArray(), "identomat.unknown.name"))));
        meters.Start();

        var callback = parser.Parse("{\"callbackApiKey\":\"cb-key\",\"type\":\"kyc-finished\",\"sessionId\":\"s-1\"}");
        parser.Parse("{\"callbackApiKey\":\"cb-key\",\"type\":\"kyc-finished\",\"sessionId\":\"s-2\"}");
        parser.Parse("{\"callbackApiKey\":\"cb-key\",\"type\":\"one-time-password-request\",\"sessionId\":\"s-1\",\"phoneNumber\":\"+995\",\"text\":\"1\"}");

        Assert.That(callback, Is.TypeOf<UnknownCallback>());
        Assert.That(measurements, Is.EqualTo(new[] { (Drift.Callback, "kyc-finished"), (Drift.Callback, "kyc-finished") }));
        Assert.That(
            logs.GetSnapshot().Where(l => l.Id.Id == 8).Select(l => l.Message),
            Is.EqualTo(new[] { "Identomat sent a callback this SDK version does not model: kyc-finished; it was kept (logged once per process, counted on identomat.client.unknown)" }));
    }

    [Test]
    public async Task A_name_that_holds_a_key_of_the_client_is_reported_as_other_and_never_logged()
    {
        using var h = new ClientHarness(o => o.SecretKey = ClientHarness.SecretKey);
        var body = "{\"result\":\"approved\",\"" + ClientHarness.SecretKey + "\":1}";
        h.Server.Answer("result/", Json(body).WithHeader("Authorization", ClientHarness.Sign(body)));

        await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.That(Reported(h, Drift.Property), Is.EqualTo(new[] { Drift.Other }));
        Assert.That(h.CapturedTelemetry(), Does.Not.Contain(ClientHarness.SecretKey));
    }

    [Test]
    public void A_callback_type_that_is_a_callback_key_is_reported_as_other_and_never_logged()
    {
        var parser = new IdentomatCallbackParser(["cb-key-4711", "old-key"], "ck") { Logger = new FakeLogger(new FakeLogCollector()) };
        var logs = ((FakeLogger)parser.Logger).Collector;
        var names = new List<string?>();
        using var meters = new MeterListener { InstrumentPublished = (i, l) => { if (i.Name == Unknown) { l.EnableMeasurementEvents(i); } } };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) => names.Add(Tag(tags.ToArray(), "identomat.unknown.name")));
        meters.Start();

        parser.Parse("{\"callbackApiKey\":\"cb-key-4711\",\"type\":\"old-key\"}");

        Assert.That(names, Is.EqualTo(new[] { Drift.Other }));
        Assert.That(logs.GetSnapshot().Select(l => l.Message), Has.None.Contains("old-key"));
    }
}
