using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Identomat.Sdk;
using Identomat.Sdk.Tests.Client;
using Microsoft.Extensions.Time.Testing;
using WireMock.ResponseBuilders;
using WireMock.Settings;
using static Identomat.Sdk.Tests.Client.Stubs;

namespace Identomat.Sdk.Tests.Faults;

/// <summary>
/// The fault matrix: one test per failure mode, asserting how many requests the server received and what the
/// caller gets. Retries are fast (1 ms base delay) unless a row is about the delay itself, where a fake clock runs.
/// </summary>
public class FaultMatrixTests
{
    internal static readonly SessionRequest Flow = new SessionBuilder().AddLiveness().Build();

    /// <summary>Runs an operation while advancing a fake clock, so delays measured in seconds take milliseconds.</summary>
    internal static async Task<T> WithFakeTime<T>(FakeTimeProvider time, Func<Task<T>> operation)
    {
        var task = operation();
        while (!task.IsCompleted)
        {
            await Task.Delay(2);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        return await task;
    }

    [TestCase(408)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public void Retryable_status_on_result_is_retried_then_reported(int status)
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json("{}", status));

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(h.Requests("result/"), Has.Count.EqualTo(4), "1 attempt + MaxRetries 3");
        Assert.That(ex, Is.TypeOf<IdentomatApiException>());
        Assert.That((int?)ex!.StatusCode, Is.EqualTo(status));
        Assert.That(ex.Attempts, Is.EqualTo(4));
        Assert.That(h.Logs.GetSnapshot().Count(l => l.Message.Contains("retrying in", StringComparison.Ordinal)), Is.EqualTo(3));
        Assert.That(h.Measurements.Where(m => m.Instrument == "identomat.client.retries").Sum(m => m.Value), Is.EqualTo(3));
    }

    [Test]
    public void Status_429_without_retry_after_is_retried_then_a_rate_limit_error()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json("{}", 429));

        var ex = Assert.ThrowsAsync<IdentomatRateLimitException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(h.Requests("result/"), Has.Count.EqualTo(4));
        Assert.That(ex!.RetryAfter, Is.Null);
        Assert.That(ex.Attempts, Is.EqualTo(4));
    }

    [TestCase(400)]
    [TestCase(404)]
    [TestCase(501)]
    public void Non_retryable_status_fails_at_once(int status)
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json("\"BAD_THING\"", status));

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(h.Requests("result/"), Has.Count.EqualTo(1));
        Assert.That(ex!.ErrorCode, Is.EqualTo("BAD_THING"));
    }

    [TestCase(401)]
    [TestCase(403)]
    public void Unauthorized_status_is_an_authentication_error(int status)
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json("{}", status));

        Assert.ThrowsAsync<IdentomatAuthenticationException>(() => h.Client.GetResultAsync(ClientHarness.Token));
        Assert.That(h.Requests("result/"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Transient_failure_then_success_returns_the_result()
    {
        using var h = new ClientHarness();
        h.Server.FailThenAnswer("result/", 2, Json("{}", 503), Json("{\"result\":\"approved\"}"));

        var result = await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Approved));
        Assert.That(h.Requests("result/"), Has.Count.EqualTo(3));
        Assert.That(h.Activities.Single().GetTagItem("identomat.attempts"), Is.EqualTo(3));
    }

    [Test]
    public async Task Status_429_with_retry_after_in_seconds_under_the_cap_waits_that_long()
    {
        var time = new FakeTimeProvider();
        using var h = new ClientHarness(o => { o.AttemptTimeout = o.TotalTimeout = TimeSpan.FromHours(1); }, time);
        h.Server.FailThenAnswer("result/", 1, Json("{}", 429).WithHeader("Retry-After", "7"), Json("{\"result\":\"approved\"}"));
        var start = time.GetUtcNow();

        var result = await WithFakeTime(time, () => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Approved));
        Assert.That(h.Requests("result/"), Has.Count.EqualTo(2));
        Assert.That(h.Logs.GetSnapshot().Single(l => l.Message.Contains("retrying", StringComparison.Ordinal)).Message, Does.EndWith("retrying in 7 s"));
        Assert.That(time.GetUtcNow() - start, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public async Task Status_429_with_retry_after_as_an_http_date_waits_until_then()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        using var h = new ClientHarness(o => { o.AttemptTimeout = o.TotalTimeout = TimeSpan.FromHours(1); }, time);
        var date = new DateTimeOffset(2026, 11, 26, 12, 0, 5, TimeSpan.Zero).ToString("R", CultureInfo.InvariantCulture);
        h.Server.FailThenAnswer("result/", 1, Json("{}", 429).WithHeader("Retry-After", date), Json("{\"result\":\"approved\"}"));

        // The fake clock stands still until the retry is scheduled, however long the first answer takes on a busy
        // machine: the wait is measured from the moment the answer arrived.
        var result = h.Client.GetResultAsync(ClientHarness.Token);
        while (!result.IsCompleted)
        {
            await Task.Delay(2);
            if (h.Logs.GetSnapshot().Any(l => l.Message.Contains("retrying", StringComparison.Ordinal)))
            {
                time.Advance(TimeSpan.FromMilliseconds(250));
            }
        }

        await result;
        Assert.That(h.Requests("result/"), Has.Count.EqualTo(2));
        var line = h.Logs.GetSnapshot().Single(l => l.Message.Contains("retrying", StringComparison.Ordinal)).Message;
        Assert.That(line.Split(' ')[^1], Is.EqualTo("s"));
        var delay = double.Parse(line.Split(' ')[^2], CultureInfo.InvariantCulture);
        Assert.That(delay, Is.InRange(4, 5), "until the date, as measured when the answer arrived on the fake clock");
        Assert.That(time.GetUtcNow(), Is.GreaterThanOrEqualTo(new DateTimeOffset(2026, 11, 26, 12, 0, 5, TimeSpan.Zero)));
    }

    [Test]
    public void Status_429_with_retry_after_over_the_cap_fails_fast_with_the_delay()
    {
        using var h = new ClientHarness(o => o.MaxRetryAfter = TimeSpan.FromSeconds(30));
        h.Server.Answer("result/", Json("{}", 429).WithHeader("Retry-After", "120"));
        var clock = Stopwatch.StartNew();

        var ex = Assert.ThrowsAsync<IdentomatRateLimitException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(h.Requests("result/"), Has.Count.EqualTo(1));
        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(ex.Message, Does.Contain("asked to wait 2 min, more than MaxRetryAfter (30 s)"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "did not sleep");
    }

    [Test]
    public void Connection_reset_on_result_is_retried_then_reported_without_status()
    {
        using var server = RawHttpServer.DroppingConnections();
        using var h = new ClientHarness(o => o.BaseAddress = server.BaseAddress);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(server.Requests, Is.EqualTo(4));
        Assert.That(ex!.StatusCode, Is.Null);
        Assert.That(ex.Attempts, Is.EqualTo(4));
        Assert.That(ex.InnerException, Is.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>());
    }

    [Test]
    public void Truncated_body_is_retried_then_reported()
    {
        using var server = RawHttpServer.TruncatingBodies();
        using var h = new ClientHarness(o => o.BaseAddress = server.BaseAddress);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(server.Requests, Is.EqualTo(4));
        Assert.That(ex!.Attempts, Is.EqualTo(4));
        Assert.That(ex.Message, Does.Contain("no complete response"));
    }

    [Test]
    public void Empty_success_body_on_result_is_retried_as_an_incomplete_response()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Response.Create().WithFault(FaultType.EMPTY_RESPONSE));

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(h.Requests("result/"), Has.Count.EqualTo(4));
        Assert.That(ex!.Message, Does.Contain("no complete response after 4 attempt(s)"));
    }

    [Test]
    public void Malformed_json_is_an_api_error_without_an_excerpt_and_not_retried()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json("{\"result\": \"approved\", \"person\": {"));

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(h.Requests("result/"), Has.Count.EqualTo(1));
        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ex.Message, Does.Contain("expected a result object"));
        // A 2xx body may be a result full of personal data: never excerpted; its type and length are named instead.
        Assert.That(ex.ResponseBodyExcerpt, Is.Null);
        Assert.That(ex.Message, Does.Contain("content type application/json, 34 bytes"));
        Assert.That(ex.InnerException, Is.InstanceOf<System.Text.Json.JsonException>());
    }

    [Test]
    public void Html_502_page_from_a_proxy_is_retried_then_an_api_error_with_a_capped_excerpt()
    {
        using var h = new ClientHarness();
        var page = "<html><head><title>502 Bad Gateway</title></head><body>" + new string('x', 5000) + "</body></html>";
        h.Server.Answer("result/", Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html").WithBody(page));

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(h.Requests("result/"), Has.Count.EqualTo(4));
        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(ex.ResponseBodyExcerpt, Does.StartWith("<html><head><title>502 Bad Gateway"));
        Assert.That(ex.ResponseBodyExcerpt!.Length, Is.LessThanOrEqualTo(513));
        Assert.That(ex.Message, Does.Not.Contain("<html>"));
    }

    [Test]
    public void Html_page_with_status_200_is_an_api_error()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<html>maintenance</html>"));

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(ex!.Message, Does.Contain("content type text/html"));
    }

    [Test]
    public void Slow_response_past_the_attempt_timeout_is_retried_then_a_timeout()
    {
        using var h = new ClientHarness(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(200); o.MaxRetries = 2; });
        h.Server.Answer("result/", Json("{}").WithDelay(TimeSpan.FromSeconds(1)));

        var ex = Assert.ThrowsAsync<IdentomatTimeoutException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(ex!.Attempts, Is.EqualTo(3));
        Assert.That(h.WaitForRequests("result/", 3), Is.EqualTo(3));
        Assert.That(ex.Message, Does.Contain("timed out after 3 attempt(s)"));
    }

    [Test]
    public void Slow_response_past_the_total_timeout_is_a_timeout_before_retries_are_used_up()
    {
        using var h = new ClientHarness(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(300); o.TotalTimeout = TimeSpan.FromMilliseconds(500); o.MaxRetries = 5; });
        h.Server.Answer("result/", Json("{}").WithDelay(TimeSpan.FromSeconds(2)));
        var clock = Stopwatch.StartNew();

        var ex = Assert.ThrowsAsync<IdentomatTimeoutException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(ex!.Attempts, Is.EqualTo(2));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.5)));
    }

    [Test]
    public void Caller_cancellation_during_a_backoff_delay_stops_at_once()
    {
        using var h = new ClientHarness(o => o.RetryBaseDelay = TimeSpan.FromSeconds(30));
        h.Server.Answer("result/", Json("{}", 503));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var ex = Assert.CatchAsync<OperationCanceledException>(() => h.Client.GetResultAsync(ClientHarness.Token, cancel.Token));

        Assert.That(ex!.CancellationToken, Is.EqualTo(cancel.Token));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(h.Requests("result/"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Caller_cancellation_of_a_slow_request_is_not_a_timeout()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json("{}").WithDelay(TimeSpan.FromSeconds(3)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.CatchAsync<OperationCanceledException>(() => h.Client.GetResultAsync(ClientHarness.Token, cancel.Token));
        Assert.That(h.Requests("result/"), Has.Count.LessThanOrEqualTo(1));
    }

    [TestCase(500)]
    [TestCase(503)]
    [TestCase(429)]
    public void Begin_after_the_request_was_sent_is_not_retried(int status)
    {
        using var h = new ClientHarness();
        h.Server.Answer("begin/", Json("{}", status));

        var ex = Assert.CatchAsync<IdentomatApiException>(() => h.Client.BeginSessionAsync(Flow));

        Assert.That(h.Requests("begin/"), Has.Count.EqualTo(1), "a retry could create a second session");
        Assert.That(ex!.Attempts, Is.EqualTo(1));
    }

    [Test]
    public void Begin_connection_reset_after_sending_is_not_retried()
    {
        using var server = RawHttpServer.DroppingConnections();
        using var h = new ClientHarness(o => o.BaseAddress = server.BaseAddress);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.BeginSessionAsync(Flow));

        Assert.That(server.Requests, Is.EqualTo(1));
        Assert.That(ex!.Attempts, Is.EqualTo(1));
    }

    [Test]
    public void Begin_attempt_timeout_is_not_retried()
    {
        using var h = new ClientHarness(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200));
        h.Server.Answer("begin/", Json("\"tok\"").WithDelay(TimeSpan.FromSeconds(1)));

        var ex = Assert.ThrowsAsync<IdentomatTimeoutException>(() => h.Client.BeginSessionAsync(Flow));

        Assert.That(ex!.Attempts, Is.EqualTo(1));
        Assert.That(h.WaitForRequests("begin/", 2, seconds: 1.5), Is.EqualTo(1), "waited for a second request that never came");
    }

    [Test]
    public async Task Begin_is_retried_after_send_when_the_caller_opted_in()
    {
        using var h = new ClientHarness(o => o.RetryBeginSessionAfterSend = true);
        h.Server.FailThenAnswer("begin/", 2, Json("{}", 503), Json("\"" + ClientHarness.Token + "\""));

        var session = await h.Client.BeginSessionAsync(Flow);

        Assert.That(session.Token, Is.EqualTo(ClientHarness.Token));
        Assert.That(h.Requests("begin/"), Has.Count.EqualTo(3));
        Assert.That(h.Requests("begin/").Select(r => r.RequestMessage!.Body).Distinct().Count(), Is.EqualTo(1), "the same bytes each time");
    }

    [Test]
    public void Begin_is_retried_when_the_connection_was_refused()
    {
        var closedPort = FreePort();
        using var h = new ClientHarness(o => o.BaseAddress = new Uri($"http://127.0.0.1:{closedPort}/external-api/"));

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.BeginSessionAsync(Flow));

        Assert.That(ex!.Attempts, Is.EqualTo(4), "refused connections provably never reached the server");
        Assert.That(ex.StatusCode, Is.Null);
    }

    [Test]
    public void Vendor_error_string_on_begin_is_typed()
    {
        using var h = new ClientHarness();
        h.Server.Answer("begin/", Json("\"COMPANY_KEY_INVALID\"", 400));

        var ex = Assert.ThrowsAsync<IdentomatAuthenticationException>(() => h.Client.BeginSessionAsync(Flow));

        Assert.That(ex!.ErrorCode, Is.EqualTo("COMPANY_KEY_INVALID"));
        Assert.That(h.Requests("begin/"), Has.Count.EqualTo(1));
    }

    [Test]
    public void HttpClient_timeout_shorter_than_the_sdk_timeouts_is_logged_and_reported_as_a_timeout()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        using var h = new ClientHarness(o => o.MaxRetries = 0, httpClient: http);
        h.Server.Answer("result/", Json("{}").WithDelay(TimeSpan.FromSeconds(2)));

        var ex = Assert.ThrowsAsync<IdentomatTimeoutException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(ex!.Message, Does.Contain("HttpClient's own Timeout"));
        Assert.That(h.Logs.GetSnapshot()[0].Message, Does.Contain("shorter than TotalTimeout"));
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
