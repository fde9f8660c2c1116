using System.Net;
using System.Text;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Testing.WireMock;
using Identomat.Sdk.Tests.Client;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static Identomat.Sdk.Tests.Client.Stubs;

namespace Identomat.Sdk.Tests.Testing;

/// <summary>
/// The fake server's contract: for every operation, the client gets the same typed outcome from the fake as from
/// hand-written WireMock stubs of the vendor's documented answers; fault scripting produces exactly the requests and
/// exceptions of the client's fault matrix.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public class FakeServerContractTests(bool inProcess)
{
    private static readonly SessionRequest Flow = new SessionBuilder().AddIdentityDocument().AddLiveness().ForClientUser("u-1").Build();

    /// <summary>What a caller observes: a value's projection, or the exception type and error code.</summary>
    private static async Task<string> Outcome(Func<Task<string>> operation)
    {
        try
        {
            return "ok: " + await operation();
        }
        catch (IdentomatApiException ex)
        {
            return $"{ex.GetType().Name} {ex.ErrorCode}";
        }
    }

    private Host StartFake(string? secretKey = null) =>
        inProcess ? new Host(IdentomatFakeServer.StartInProcess(new() { SecretKey = secretKey }), null) : new Host(null!, IdentomatWireMockServer.Start(new() { SecretKey = secretKey }));

    /// <summary>The fake in process, or behind WireMock on a socket.</summary>
    private sealed class Host(IdentomatFakeServer? fake, IdentomatWireMockServer? wire) : IDisposable
    {
        public IdentomatFakeServer Fake => wire?.Fake ?? fake!;

        public Uri BaseAddress => wire?.BaseAddress ?? Fake.BaseAddress;

        public Uri WidgetBaseAddress => wire?.WidgetBaseAddress ?? Fake.WidgetBaseAddress;

        public IdentomatClient CreateClient(Action<IdentomatClientOptions>? configure = null) => wire?.CreateClient(configure) ?? Fake.CreateClient(configure);

        public void Dispose()
        {
            wire?.Dispose();
            fake?.Dispose();
        }
    }

    private async Task<(string Fake, string Stub)> Compare(Func<IdentomatFakeServer, IIdentomatClient, Task<string>> onFake, Action<WireMockServer> stub, Func<IIdentomatClient, Task<string>> onStub)
    {
        using var host = StartFake();
        var fake = host.Fake;
        using var fakeClient = host.CreateClient();
        using var stubbed = new ClientHarness();
        stub(stubbed.Server);
        return (await Outcome(() => onFake(fake, fakeClient)), await Outcome(() => onStub(stubbed.Client)));
    }

    private static void AssertSame((string Fake, string Stub) outcomes, string expected)
    {
        Assert.That(outcomes.Fake, Is.EqualTo(expected), "fake");
        Assert.That(outcomes.Stub, Is.EqualTo(expected), "stub");
    }

    [Test]
    public async Task Begin_issues_a_token_like_the_vendor() =>
        AssertSame(
            await Compare(
                async (_, c) => (await c.BeginSessionAsync(Flow)).Token.Length.ToString(),
                s => s.Answer("begin/", Json("\"" + new string('a', 40) + "\"")),
                async c => (await c.BeginSessionAsync(Flow)).Token.Length.ToString()),
            "ok: 40");

    [Test]
    public async Task Begin_with_a_wrong_key_is_refused_like_the_vendor()
    {
        using var host = StartFake();
        var fake = host.Fake;
        using var wrong = host.CreateClient(o => o.CompanyKey = "not-the-key");
        using var stubbed = new ClientHarness();
        stubbed.Server.Answer("begin/", Json("\"COMPANY_KEY_INVALID\""));

        var outcomes = (await Outcome(async () => (await wrong.BeginSessionAsync(Flow)).Token), await Outcome(async () => (await stubbed.Client.BeginSessionAsync(Flow)).Token));

        AssertSame(outcomes, "IdentomatAuthenticationException COMPANY_KEY_INVALID");
        Assert.That(fake.ReceivedSessions, Is.Empty);
    }

    [TestCase("approved")]
    [TestCase("rejected")]
    [TestCase("manual_check")]
    [TestCase("in progress")]
    public async Task Result_is_what_the_test_scripted(string kind)
    {
        var scripted = kind switch
        {
            "approved" => FakeResults.Approved("NINO", "BERIDZE"),
            "rejected" => FakeResults.Rejected(),
            "manual_check" => FakeResults.ManualCheck(("occupation", "Engineer"), ("income", new[] { "salary" }), ("pep", false)),
            _ => FakeResults.InProgress(),
        };

        var outcomes = await Compare(
            async (f, c) =>
            {
                var session = await c.BeginSessionAsync(Flow);
                f.CompleteSession(session.Token, scripted);
                return (await c.GetResultAsync(session.Token)).ToJson();
            },
            s => s.Answer("result/", Json(scripted.ToJson())),
            async c => (await c.GetResultAsync("t")).ToJson());

        AssertSame(outcomes, "ok: " + scripted.ToJson());
    }

    [Test]
    public async Task Result_of_an_unknown_token_is_session_not_found() =>
        AssertSame(
            await Compare((_, c) => ResultJson(c.GetResultAsync("nope")), s => s.Answer("result/", Json("\"SESSION_NOT_FOUND\"")), c => ResultJson(c.GetResultAsync("nope"))),
            "IdentomatSessionNotFoundException SESSION_NOT_FOUND");

    [Test]
    public async Task Media_returns_the_scripted_bytes()
    {
        var bytes = Encoding.ASCII.GetBytes("JPEG-BYTES");
        AssertSame(
            await Compare(
                async (f, c) =>
                {
                    var token = f.AddSession(FakeResults.Approved());
                    f.SetMedia(token, MediaKind.Face, bytes, "image/jpeg");
                    return await Read(c, token);
                },
                s => s.Answer("result/face/", Response.Create().WithHeader("Content-Type", "image/jpeg").WithBody(bytes)),
                c => Read(c, "t")),
            "ok: image/jpeg JPEG-BYTES");
    }

    [Test]
    public async Task Media_not_set_is_unavailable() =>
        AssertSame(
            await Compare(
                (f, c) => Read(c, f.AddSession()),
                s => s.Answer("result/face/", Json("{\"argumentError\":\"not found\"}")),
                c => Read(c, "t")),
            "ok: unavailable");

    [Test]
    public async Task Delete_forgets_the_session()
    {
        var outcomes = await Compare(
            async (f, c) =>
            {
                var token = f.AddSession();
                await c.DeleteSessionAsync(token);
                return await Outcome(() => ResultJson(c.GetResultAsync(token)));
            },
            s => { s.Answer("delete/", Response.Create().WithStatusCode(200)); s.Answer("result/", Json("\"SESSION_NOT_FOUND\"")); },
            async c =>
            {
                await c.DeleteSessionAsync("t");
                return await Outcome(() => ResultJson(c.GetResultAsync("t")));
            });

        AssertSame(outcomes, "ok: IdentomatSessionNotFoundException SESSION_NOT_FOUND");
    }

    [Test]
    public async Task Delete_of_an_unknown_token_is_session_not_found() =>
        AssertSame(
            await Compare(
                async (_, c) => { await c.DeleteSessionAsync("nope"); return "deleted"; },
                s => s.Answer("delete/", Json("\"SESSION_NOT_FOUND\"")),
                async c => { await c.DeleteSessionAsync("nope"); return "deleted"; }),
            "IdentomatSessionNotFoundException SESSION_NOT_FOUND");

    [Test]
    public async Task Received_sessions_are_typed_requests_equal_to_what_was_sent()
    {
        using var host = StartFake();
        var fake = host.Fake;
        using var client = host.CreateClient();

        var session = await client.BeginSessionAsync(Flow);

        Assert.That(fake.ReceivedSessions.Single(), Is.EqualTo(Flow));
        Assert.That(fake.RequestOf(session.Token).ClientUserId, Is.EqualTo("u-1"));
        Assert.That(fake.CallCount(FakeOperation.Begin), Is.EqualTo(1));
        Assert.That(session.WidgetUrl.ToString(), Does.StartWith(host.WidgetBaseAddress.ToString()));
    }

    [Test]
    public async Task An_invalid_flow_is_refused_and_the_test_can_see_why()
    {
        using var host = StartFake();
        var fake = host.Fake;
        using var http = inProcess ? new HttpClient(fake.CreateHandler()) : new HttpClient();
        var body = "{\"company_key\":\"" + fake.CompanyKey + "\",\"steps\":[{\"type\":\"liveness\",\"key\":\"a\"},{\"type\":\"email\",\"key\":\"a\"}]}";

        using var response = await http.PostAsync(new Uri(host.BaseAddress, "begin/"), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(fake.RejectedSessions.Single().Single().ToString(), Does.StartWith("steps[1].key: 'a' is already the key of steps[0]"));
        Assert.That(fake.ReceivedSessions, Is.Empty);
    }

    [Test]
    public async Task Signing_is_checked_both_ways()
    {
        using var host = StartFake("fake-secret");
        var fake = host.Fake;
        using var signed = host.CreateClient();
        using var unsigned = host.CreateClient(o => o.SecretKey = null);
        using var wrongSecret = host.CreateClient(o => o.SecretKey = "other-secret");

        var session = await signed.BeginSessionAsync(Flow);

        Assert.That(session.Token, Has.Length.EqualTo(40));
        Assert.ThrowsAsync<IdentomatAuthenticationException>(() => unsigned.BeginSessionAsync(Flow));
        Assert.ThrowsAsync<IdentomatAuthenticationException>(() => wrongSecret.GetResultAsync(session.Token));
        Assert.That(fake.ReceivedSessions, Has.Count.EqualTo(1));
    }

    [Test]
    public void Simulated_callbacks_are_accepted_or_refused_by_the_parser()
    {
        using var host = StartFake();
        var fake = host.Fake;
        var parser = new IdentomatCallbackParser([fake.CallbackApiKey], fake.CompanyKey);
        var fields = new Dictionary<string, string> { ["text"] = "Code 4321", ["phoneNumber"] = "+10000000" };

        var callback = parser.Parse(fake.CreateCallbackBody(OneTimePasswordRequestCallback.TypeName, "s1", fields));

        Assert.That(((OneTimePasswordRequestCallback)callback).PhoneNumber, Is.EqualTo("+10000000"));
        Assert.That(Assert.Throws<IdentomatCallbackException>(() => parser.Parse(fake.CreateCallbackBody("x", "s1", wrongKey: true)))!.Error, Is.EqualTo(IdentomatCallbackError.WrongKey));
    }

    // Fault scripting: the counts and exceptions of the client's fault matrix.
    [Test]
    public async Task Failing_the_next_calls_then_answering_normally()
    {
        using var host = StartFake();
        var fake = host.Fake;
        using var client = host.CreateClient();
        var token = fake.AddSession(FakeResults.Approved());
        fake.FailNext(FakeOperation.Result, 2, FakeFault.Status(503));

        var result = await client.GetResultAsync(token);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Approved));
        Assert.That(fake.CallCount(FakeOperation.Result), Is.EqualTo(3));
    }

    [Test]
    public void Failing_more_calls_than_the_retries_reports_the_status_after_four_attempts()
    {
        using var host = StartFake();
        var fake = host.Fake;
        using var client = host.CreateClient();
        fake.FailNext(FakeOperation.Result, 10, FakeFault.Status(502, "<html>Bad Gateway</html>"));

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(fake.AddSession()));

        Assert.That((ex!.StatusCode, ex.Attempts, fake.CallCount(FakeOperation.Result)), Is.EqualTo((HttpStatusCode.BadGateway, 4, 4)));
    }

    [Test]
    public void A_503_on_begin_is_sent_exactly_once()
    {
        using var host = StartFake();
        var fake = host.Fake;
        using var client = host.CreateClient();
        fake.FailNext(FakeOperation.Begin, 1, FakeFault.Status(503));

        Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Flow));
        Assert.That(fake.CallCount(FakeOperation.Begin), Is.EqualTo(1));
        Assert.That(fake.ReceivedSessions, Is.Empty);
    }

    [Test]
    public void Rate_limit_over_the_cap_fails_fast()
    {
        using var host = StartFake();
        var fake = host.Fake;
        using var client = host.CreateClient();
        fake.FailNext(FakeOperation.Result, 1, FakeFault.RateLimited(TimeSpan.FromMinutes(5)));

        var ex = Assert.ThrowsAsync<IdentomatRateLimitException>(() => client.GetResultAsync(fake.AddSession()));

        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(fake.CallCount(FakeOperation.Result), Is.EqualTo(1));
    }

    [Test]
    public void Delays_past_the_attempt_timeout_time_out_after_every_retry()
    {
        using var host = StartFake();
        var fake = host.Fake;
        using var client = host.CreateClient(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(150); o.MaxRetries = 2; });
        fake.FailNext(FakeOperation.Result, 3, FakeFault.Delay(TimeSpan.FromMilliseconds(800)));

        var ex = Assert.ThrowsAsync<IdentomatTimeoutException>(() => client.GetResultAsync(fake.AddSession()));

        Assert.That((ex!.Attempts, fake.CallCount(FakeOperation.Result)), Is.EqualTo((3, 3)));
    }

    [TestCase(FakeOperation.Result, 4)]
    [TestCase(FakeOperation.Begin, 1)]
    public void Dropped_connections_are_retried_only_where_safe(FakeOperation operation, int expectedCalls)
    {
        using var host = StartFake();
        var fake = host.Fake;
        using var client = host.CreateClient();
        var token = fake.AddSession();
        fake.FailNext(operation, 10, FakeFault.DropConnection());

        Assert.ThrowsAsync<IdentomatApiException>(() => operation == FakeOperation.Begin ? client.BeginSessionAsync(Flow) : client.GetResultAsync(token));
        Assert.That(fake.CallCount(operation), Is.EqualTo(expectedCalls));
    }

    private static async Task<string> ResultJson(Task<VerificationResult> result) => (await result).ToJson();

    private static async Task<string> Read(IIdentomatClient client, string token)
    {
        using var media = await client.GetMediaAsync(token, MediaKind.Face);
        if (!media.IsAvailable)
        {
            return "unavailable";
        }

        using var reader = new StreamReader(media.Content);
        return media.ContentType + " " + await reader.ReadToEndAsync();
    }
}
