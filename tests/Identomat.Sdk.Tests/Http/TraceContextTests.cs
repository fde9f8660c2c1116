using System.Diagnostics;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Identomat.Sdk.Tests.Http;

/// <summary>
/// Nothing of the application's tracing crosses to the vendor: no baggage (user ids, e-mail addresses) ever, and the
/// trace context only when the integrator opts in, through every kind of client.
/// </summary>
[NonParallelizable]
public class TraceContextTests
{
    private static readonly string[] Propagated = ["baggage", "Correlation-Context", "traceparent", "tracestate", "Request-Id"];

    public enum ClientKind
    {
        Owned,
        Registered,
        CallerOwnedDefaultHandler,
    }

    private static async Task<ReceivedRequest> OneCall(ClientKind kind, bool propagate, bool listening)
    {
        using var server = ScriptedSocketServer.Answering("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 2\nConnection: close", "{}"u8.ToArray());
        using var listener = listening ? ListenToEverything() : null;
        using var app = new Activity("checkout").AddBaggage("user.email", "jane@example.com").AddBaggage("user.id", "u-42");
        app.TraceStateString = "tenant=acme";
        app.SetIdFormat(ActivityIdFormat.W3C);
        app.Start();
        LastAppTraceId = app.TraceId.ToHexString();
        void Configure(IdentomatClientOptions o)
        {
            o.CompanyKey = Hostile.CompanyKey;
            o.BaseAddress = server.BaseAddress;
            o.PropagateTraceContext = propagate;
        }

        switch (kind)
        {
            case ClientKind.Owned:
            {
                var options = new IdentomatClientOptions();
                Configure(options);
                using var client = new IdentomatClient(options);
                await client.DeleteSessionAsync(Hostile.Token);
                break;
            }

            case ClientKind.Registered:
            {
                var services = new ServiceCollection();
                services.AddIdentomat(Configure);
                await using var provider = services.BuildServiceProvider();
                await provider.GetRequiredService<IIdentomatClient>().DeleteSessionAsync(Hostile.Token);
                break;
            }

            default:
            {
                var options = new IdentomatClientOptions();
                Configure(options);
                using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
                using var client = new IdentomatClient(http, options);
                await client.DeleteSessionAsync(Hostile.Token);
                break;
            }
        }

        Assert.That(Activity.Current, Is.SameAs(app), "the caller's activity is current again after the call");
        return server.Requests.Single();
    }

    private static ActivityListener ListenToEverything()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    [Test]
    public async Task No_trace_header_or_baggage_reaches_the_vendor_by_default(
        [Values(ClientKind.Owned, ClientKind.Registered)] ClientKind kind,
        [Values] bool listening)
    {
        var request = await OneCall(kind, propagate: false, listening);

        foreach (var header in Propagated)
        {
            Assert.That(request.Has(header), Is.False, $"{header}: {string.Join(", ", request.Headers.Keys)}");
        }
    }

    [Test]
    public async Task A_caller_owned_handler_sends_nothing_of_the_applications_trace([Values] bool listening)
    {
        // A caller's handler propagates as it was told to. The SDK sends with no current activity: when something listens
        // to HttpClient's own activities, the handler starts a new trace of its own, which carries nothing of the app's.
        var request = await OneCall(ClientKind.CallerOwnedDefaultHandler, propagate: false, listening);

        foreach (var header in Propagated.Where(h => h != "traceparent"))
        {
            Assert.That(request.Has(header), Is.False, header);
        }

        Assert.That(request.Headers.GetValueOrDefault("traceparent") ?? string.Empty, Does.Not.Contain(LastAppTraceId));
    }

    private static string LastAppTraceId = string.Empty;

    [Test]
    public async Task Opting_in_sends_the_trace_parent_and_still_no_baggage(
        [Values] ClientKind kind,
        [Values] bool listening)
    {
        var caller = default(ActivityTraceId);
        var request = await OneCall(kind, propagate: true, listening);
        caller = ActivityTraceId.CreateFromString(request.Headers["traceparent"].Split('-')[1]);

        Assert.That(request.Headers["traceparent"], Does.Match("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$"));
        Assert.That(caller, Is.Not.EqualTo(default(ActivityTraceId)));
        foreach (var header in Propagated.Where(h => h != "traceparent"))
        {
            Assert.That(request.Has(header), Is.False, header);
        }
    }

    [Test]
    public async Task The_trace_parent_sent_belongs_to_the_callers_trace()
    {
        using var server = ScriptedSocketServer.Answering("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 2\nConnection: close", "{}"u8.ToArray());
        using var app = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start();
        using var client = new IdentomatClient(new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey, BaseAddress = server.BaseAddress, PropagateTraceContext = true });

        await client.DeleteSessionAsync(Hostile.Token);

        Assert.That(server.Requests.Single().Headers["traceparent"].Split('-')[1], Is.EqualTo(app.TraceId.ToHexString()));
    }

    [Test]
    public async Task A_caller_owned_client_with_default_headers_is_named_in_a_warning_without_their_values()
    {
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogCollector();
        using var loggers = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider(logs)));
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "other-api-token-91x");

        using var client = new IdentomatClient(http, new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey }, loggers);

        var warning = logs.GetSnapshot().Single(r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning && r.Message.Contains("default request headers", StringComparison.Ordinal));
        Assert.That(warning.Message, Does.Contain("Authorization").And.Not.Contain("other-api-token-91x"));
        await Task.CompletedTask;
    }
}
