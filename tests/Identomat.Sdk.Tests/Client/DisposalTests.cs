#pragma warning disable CA2022, CA2016, CA1849
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.Time.Testing;

namespace Identomat.Sdk.Tests.Client;

/// <summary>A disposed client sends nothing more, even from a retry that was waiting.</summary>
public class DisposalTests
{
    // IdentomatClient.Dispose documents "Later calls throw ObjectDisposedException, and so do
    // calls still in flight." A call waiting in a retry backoff (caller-owned HttpClient) is not stopped: after the
    // backoff it sends another request carrying the company key through the disposed client and returns its result.
    // Both ways the call's token is made: the client's disposal token alone (the caller's token cannot be canceled), or
    // linked with a caller's token that can.
    [TestCase(false)]
    [TestCase(true)]
    public async Task A_call_in_its_retry_backoff_when_the_client_is_disposed_sends_nothing_more(bool callerToken)
    {
        using var caller = new CancellationTokenSource();
        var time = new FakeTimeProvider();
        var handler = new StubHandler(_ =>
        {
            var answer = StubHandler.Answer(HttpStatusCode.ServiceUnavailable, "{}"u8.ToArray());
            answer.Headers.TryAddWithoutValidation("Retry-After", "10");
            return answer;
        });
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new IdentomatClient(http, new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey, BaseAddress = new Uri("https://api.test/external-api/"), MaxRetries = 2 }, timeProvider: time);
        var call = client.GetResultAsync(Hostile.Token, callerToken ? caller.Token : CancellationToken.None);
        var wait = Stopwatch.StartNew();
        while (handler.Requests < 1 && wait.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(5);
        }

        client.Dispose();
        while (!call.IsCompleted && wait.Elapsed < TimeSpan.FromSeconds(3))
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        Assert.That(async () => await call, Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(handler.Requests, Is.EqualTo(1), "no request after Dispose");
    }
}
