using System.Diagnostics;
using Identomat.Sdk.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Identomat.Sdk.Compat.Tests;

/// <summary>
/// The library's other builds send nothing of the application's tracing either: on the net8.0 build, no trace header
/// unless asked; on the netstandard2.0 build (whose handler cannot be told not to propagate), no baggage and nothing
/// of the application's trace.
/// </summary>
[NonParallelizable]
public class TraceContextTests
{
    private static async Task<(ReceivedRequest Request, string AppTraceId)> OneCall(bool registered, bool propagate, bool listening)
    {
        using var server = ScriptedSocketServer.Answering("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 2\nConnection: close", "{}"u8.ToArray());
        using var listener = listening ? new ActivityListener { ShouldListenTo = _ => true, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded } : null;
        if (listener is not null)
        {
            ActivitySource.AddActivityListener(listener);
        }

        using var app = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).AddBaggage("user.email", "jane@example.com").Start();
        void Configure(IdentomatClientOptions o)
        {
            o.CompanyKey = "ck";
            o.BaseAddress = server.BaseAddress;
            o.PropagateTraceContext = propagate;
        }

        if (registered)
        {
            var services = new ServiceCollection();
            services.AddIdentomat(Configure);
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<IIdentomatClient>().DeleteSessionAsync("tok");
        }
        else
        {
            var options = new IdentomatClientOptions();
            Configure(options);
            using var client = new IdentomatClient(options);
            await client.DeleteSessionAsync("tok");
        }

        return (server.Requests.Single(), app.TraceId.ToHexString());
    }

    [Test]
    public async Task No_baggage_and_nothing_of_the_applications_trace_by_default([Values] bool registered, [Values] bool listening)
    {
        var (request, appTrace) = await OneCall(registered, propagate: false, listening);

        Assert.That(request.Has("baggage") || request.Has("Correlation-Context") || request.Has("tracestate"), Is.False);
        Assert.That(request.Headers.GetValueOrDefault("traceparent") ?? string.Empty, Does.Not.Contain(appTrace));
#if !NET10_0
        // The net8.0 build's own handler propagates nothing at all.
        Assert.That(request.Has("traceparent") || request.Has("Request-Id"), Is.False);
#endif
    }

    [Test]
    public async Task Opting_in_sends_the_applications_trace_parent_and_no_baggage([Values] bool registered, [Values] bool listening)
    {
        var (request, appTrace) = await OneCall(registered, propagate: true, listening);

        Assert.That(request.Headers["traceparent"], Does.Contain(appTrace));
        Assert.That(request.Has("baggage") || request.Has("Correlation-Context"), Is.False);
    }
}
