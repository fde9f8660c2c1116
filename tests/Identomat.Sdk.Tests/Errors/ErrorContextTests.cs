using System.Net;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Identomat.Sdk.Tests.Errors;

/// <summary>
/// Operable with several accounts: every exception says which account and whether trying later can help; logs say
/// which account in their scope; levels separate the normal from what someone must act on.
/// </summary>
public class ErrorContextTests
{
    [Test]
    public async Task Every_failure_of_a_named_account_carries_its_name_and_never_a_key()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        var services = new ServiceCollection();
        services.AddIdentomat("eu", o => { o.CompanyKey = "ck-eu"; o.CallbackApiKeys = ["cb-eu"]; }).UseIdentomatFake(fake);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IIdentomatClient>("eu");
        var parser = provider.GetRequiredKeyedService<IdentomatCallbackParser>("eu");
        var token = fake.AddSession();
        fake.FailNext(FakeOperation.Result, 10, FakeFault.Status(503), token);

        var failures = new IdentomatException[]
        {
            Assert.ThrowsAsync<IdentomatSessionNotFoundException>(() => client.GetResultAsync("unknown"))!,
            Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(token))!,
            Assert.ThrowsAsync<IdentomatValidationException>(() => client.BeginSessionAsync(new SessionRequest { Steps = [new LivenessStep { Key = "a" }, new LivenessStep { Key = "a" }] }))!,
            Assert.Throws<IdentomatCallbackException>(() => parser.Parse("{\"callbackApiKey\":\"wrong\"}"))!,
        };

        Assert.That(failures.Select(f => f.Account), Is.All.EqualTo("eu"));
        Assert.That(failures.Select(f => f.ToString()), Has.None.Contain("ck-eu").And.None.Contain("cb-eu"));
    }

    [Test]
    public void A_hand_built_client_is_named_by_its_options_and_a_key_is_no_name()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.InternalServerError, "{}"u8.ToArray()));
        using var client = handler.Client(o => o.AccountName = "georgia");

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync("t"))!.Account, Is.EqualTo("georgia"));
        Assert.That(new IdentomatClientOptions { CompanyKey = "ck-1", AccountName = "ck-1" }.Validate(), Has.One.Contain("AccountName is one of the keys"));
        Assert.That(new IdentomatClientOptions { CompanyKey = "ck-1", AccountName = "a\nb" }.Validate(), Has.One.Contain("AccountName must be"));
        Assert.That(new SessionRequest { Steps = [new LivenessStep { Key = "a" }, new LivenessStep { Key = "a" }] }.Validate(), Is.Not.Empty);
        Assert.That(Assert.Throws<IdentomatValidationException>(() => new SessionRequest { Steps = [new LivenessStep { Key = "a" }, new LivenessStep { Key = "a" }] }.ToJson())!.Account, Is.Null, "no client, no account");
    }

    [Test]
    public async Task Log_lines_of_a_named_account_carry_its_name_in_their_scope()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddIdentomat("eu", o => o.CompanyKey = "ck-eu").UseIdentomatFake(fake);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IIdentomatClient>("eu").BeginSessionAsync(new SessionBuilder().AddLiveness().Build());

        var line = logs.GetSnapshot().Single(r => r.Message.Contains("Identomat begin succeeded", StringComparison.Ordinal));
        Assert.That(line.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(s => s), Has.Member(new KeyValuePair<string, object?>("identomat.account", "eu")));
    }

    // Whether trying again later can help.
    private static IEnumerable<TestCaseData> Transience()
    {
        static TestCaseData Status(int status, bool transient) =>
            new TestCaseData((Func<StubHandler>)(() => new StubHandler(_ => StubHandler.Answer((HttpStatusCode)status, "{}"u8.ToArray()))), transient).SetArgDisplayNames("HTTP " + status);

        yield return Status(408, true);
        yield return Status(429, true);
        yield return Status(500, true);
        yield return Status(503, true);
        yield return Status(400, false);
        yield return Status(401, false);
        yield return Status(404, false);
        yield return Status(302, false);
        yield return new TestCaseData((Func<StubHandler>)(() => new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "\"SESSION_NOT_FOUND\""u8.ToArray()))), false).SetArgDisplayNames("unknown session");
        yield return new TestCaseData((Func<StubHandler>)(() => new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "\"COMPANY_KEY_INVALID\""u8.ToArray()))), false).SetArgDisplayNames("wrong key");
        yield return new TestCaseData((Func<StubHandler>)(() => new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "[1,2]"u8.ToArray()))), false).SetArgDisplayNames("wrong shape");
        yield return new TestCaseData((Func<StubHandler>)(() => new StubHandler(_ => throw new HttpRequestException("reset", new IOException("reset")))), true).SetArgDisplayNames("connection failed");
    }

    [TestCaseSource(nameof(Transience))]
    public void Every_failure_says_whether_retrying_later_can_help(Func<StubHandler> server, bool transient)
    {
        using var client = server().Client();

        var ex = Assert.CatchAsync<IdentomatException>(() => client.GetResultAsync("t"));

        Assert.That(ex!.IsTransient, Is.EqualTo(transient), ex.GetType().Name + ": " + ex.Message);
    }

    [Test]
    public void Timeouts_are_transient_and_validation_and_signature_failures_are_not()
    {
        Assert.That(new IdentomatTimeoutException("t", "result", 1).IsTransient, Is.True);
        Assert.That(new IdentomatSignatureException("s", "result").IsTransient, Is.False);
        Assert.That(new IdentomatValidationException([new ValidationError("$", "x")]).IsTransient, Is.False);
        Assert.That(new IdentomatCallbackException(IdentomatCallbackError.Malformed, "m").IsTransient, Is.False);
    }

    [Test]
    public async Task Successes_log_at_Debug_an_unknown_session_at_Information_and_failures_at_Warning()
    {
        var logs = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient(o => o.MaxRetries = 1, loggers);
        var token = fake.AddSession();

        await client.GetResultAsync(token);
        Assert.ThrowsAsync<IdentomatSessionNotFoundException>(() => client.GetResultAsync("unknown"));
        fake.FailNext(FakeOperation.Result, 2, FakeFault.Status(503), token);
        Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(token));

        var lines = logs.GetSnapshot().Select(r => (r.Level, r.Message)).ToList();
        Assert.That(lines, Has.One.Matches<(LogLevel Level, string Message)>(l => l.Level == LogLevel.Debug && l.Message.Contains("succeeded", StringComparison.Ordinal)));
        Assert.That(lines, Has.One.Matches<(LogLevel Level, string Message)>(l => l.Level == LogLevel.Information && l.Message.Contains("IdentomatSessionNotFoundException", StringComparison.Ordinal)));
        Assert.That(lines, Has.One.Matches<(LogLevel Level, string Message)>(l => l.Level == LogLevel.Information && l.Message.Contains("retrying in", StringComparison.Ordinal)));
        Assert.That(lines.Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message), Has.One.Items.And.All.Contain("failed with IdentomatApiException (status 503"));
    }

    [Test]
    public void The_widget_url_of_a_kept_token_is_on_the_interface()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();

        Assert.That(WidgetUrl(client, "tok+1"), Is.EqualTo(new Uri(fake.WidgetBaseAddress + "?session_token=tok%2B1")));
        Assert.That(() => WidgetUrl(client, " "), Throws.ArgumentException);
    }

    // Called through the interface on purpose: resuming a stored token needs nothing but IIdentomatClient.
#pragma warning disable CA1859
    private static Uri WidgetUrl(IIdentomatClient client, string token) => client.GetWidgetUrl(token);
#pragma warning restore CA1859
}
