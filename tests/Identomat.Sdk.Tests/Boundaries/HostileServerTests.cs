#pragma warning disable CA2022 // The tests read on purpose with a buffer larger than what is left.
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static Identomat.Sdk.Tests.Client.Stubs;

namespace Identomat.Sdk.Tests.Boundaries;

/// <summary>Secrets and inputs shared by the hostile tests.</summary>
public static class Hostile
{
    public const string CompanyKey = "ck_HOSTILE_Zq81xv0p";
    public const string SecretKey = "sk_HOSTILE_m4Jr72ab";
    public const string Token = "tok_HOSTILE_u9w3e5r7t1y";

    public static readonly SessionRequest Flow = new SessionBuilder().AddLiveness().Build();

    /// <summary>Every form of a secret that must not survive: raw, fully JSON-escaped, half-escaped, percent-encoded.</summary>
    public static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        yield return string.Concat(secret.Select(c => $"\\u{(int)c:x4}"));
        yield return string.Concat(secret.Select((c, i) => i % 2 == 0 ? $"\\u{(int)c:X4}" : c.ToString()));
        yield return Uri.EscapeDataString(secret);
    }

    public static void AssertNoSecret(string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (var secret in new[] { CompanyKey, SecretKey, Token })
        {
            // Not even a third of it: a key cut in half must not survive in part.
            Assert.That(text, Does.Not.Contain(secret.Substring(0, secret.Length / 3 + 1)).And.Not.Contain(secret.Substring(secret.Length * 2 / 3)), text);
        }
    }
}

/// <summary>A hostile or broken server: redirects, lies about lengths, drips, echoes secrets, and clients disposed mid-call.</summary>
public class HostileServerTests
{
    // IHttpClientFactory's default loggers record response headers raw in the
    // log entry's state at Trace (the message masks them, the state does not). The registered client has none.
    [Test]
    public void A_server_echoing_keys_in_its_headers_reaches_no_log_through_the_registered_client()
    {
        const string Leaky = Hostile.SecretKey + "-" + Hostile.CompanyKey;
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddIdentomat(o =>
        {
            o.CompanyKey = Hostile.CompanyKey;
            o.SecretKey = Hostile.SecretKey;
            o.BaseAddress = new Uri("https://api.test/external-api/");
            o.MaxRetries = 0;
        }).ConfigurePrimaryHttpMessageHandler(() => new StubHandler(_ =>
        {
            var answer = StubHandler.Answer(HttpStatusCode.InternalServerError, "{}"u8.ToArray());
            answer.Headers.TryAddWithoutValidation("X-Request-Id", Leaky);
            answer.Headers.TryAddWithoutValidation("X-Echo", Hostile.CompanyKey);
            return answer;
        }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => provider.GetRequiredService<IIdentomatClient>().GetResultAsync(Hostile.Token));

        var records = logs.GetSnapshot();
        Assert.That(records, Is.Not.Empty, "the SDK logged the call");
        foreach (var record in records)
        {
            Hostile.AssertNoSecret(record.Message);
            foreach (var pair in record.StructuredState ?? [])
            {
                Hostile.AssertNoSecret(pair.Key + "=" + pair.Value);
            }
        }

        Assert.That(ex!.RequestId, Is.Null);
    }

    // Row 1: redirects are never followed, whatever the status, for the owned client and the DI client.
    [TestCase(301)]
    [TestCase(302)]
    [TestCase(303)]
    [TestCase(307)]
    [TestCase(308)]
    public void Owned_client_refuses_a_redirect_and_the_other_host_gets_nothing(int status)
    {
        using var api = WireMockServer.Start();
        using var thief = WireMockServer.Start();
        thief.Answer("begin/", Json("\"stolen-token\""));
        api.Answer("begin/", Response.Create().WithStatusCode(status).WithHeader("Location", thief.Url + "/external-api/begin/"));
        using var client = new IdentomatClient(new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey, BaseAddress = new Uri(api.Url + "/external-api/"), RetryBaseDelay = TimeSpan.Zero });

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Hostile.Flow));

        Assert.That((int?)ex!.StatusCode, Is.EqualTo(status));
        Assert.That(ex.Message, Does.Contain("redirect").And.Contain("refused"));
        Assert.That(ex.Attempts, Is.EqualTo(1));
        Assert.That(api.LogEntries.Count, Is.EqualTo(1), "not retried");
        Assert.That(thief.LogEntries, Is.Empty, "nothing is requested from a Location");
    }

    [Test]
    public void Owned_client_sends_one_request_to_a_redirect_loop()
    {
        using var api = WireMockServer.Start();
        api.Answer("result/", Response.Create().WithStatusCode(307).WithHeader("Location", api.Url + "/external-api/result/"));
        using var client = new IdentomatClient(new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey, BaseAddress = new Uri(api.Url + "/external-api/"), RetryBaseDelay = TimeSpan.Zero });

        Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Assert.That(api.LogEntries.Count, Is.EqualTo(1));
    }

    [Test]
    public void Dependency_injected_client_refuses_a_redirect_and_the_other_host_gets_nothing()
    {
        using var api = WireMockServer.Start();
        using var thief = WireMockServer.Start();
        api.Answer("begin/", Response.Create().WithStatusCode(308).WithHeader("Location", thief.Url + "/external-api/begin/"));
        var services = new ServiceCollection();
        services.AddIdentomat(o => { o.CompanyKey = Hostile.CompanyKey; o.BaseAddress = new Uri(api.Url + "/external-api/"); });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => provider.GetRequiredService<IIdentomatClient>().BeginSessionAsync(Hostile.Flow));

        Assert.That((int?)ex!.StatusCode, Is.EqualTo(308));
        Assert.That(thief.LogEntries, Is.Empty);
    }

    [Test]
    public void Answer_from_another_address_through_a_redirect_following_handler_is_refused()
    {
        using var api = WireMockServer.Start();
        using var thief = WireMockServer.Start();
        thief.Answer("begin/", Json("\"stolen-token\""));
        api.Answer("begin/", Response.Create().WithStatusCode(302).WithHeader("Location", thief.Url + "/external-api/begin/"));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        using var client = new IdentomatClient(http, new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey, BaseAddress = new Uri(api.Url + "/external-api/") });

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Hostile.Flow));

        Assert.That(ex!.Message, Does.Contain("another address").And.Contain("AllowAutoRedirect = false"));
        Assert.That(ex.Message, Does.Contain("treat the company key as exposed and rotate it"), "the key did leave: say so");
        Assert.That(ex.StatusCode, Is.Null);
        Assert.That(api.LogEntries.Count, Is.EqualTo(1), "not retried");
    }

    // Row 3: forged media is reported to a caller that reads exactly Length bytes, and keeps failing.
    [Test]
    public async Task Forged_media_fails_a_caller_that_reads_exactly_the_declared_length()
    {
        var bytes = Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7)).ToArray();
        using var client = StubHandler.SignedMedia(bytes, signedWith: "not the key").Client(o => o.SecretKey = Hostile.SecretKey);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        var buffer = new byte[media.Length!.Value];

        Assert.ThrowsAsync<IdentomatSignatureException>(async () => await media.Content.ReadExactlyAsync(buffer));
        Assert.ThrowsAsync<IdentomatSignatureException>(async () => await media.Content.ReadAsync(new byte[10].AsMemory()), "a failed check never becomes a clean end");
        Assert.Throws<IdentomatSignatureException>(() => media.Content.ReadByte());
    }

    [Test]
    public async Task Genuine_media_read_to_exactly_its_length_passes()
    {
        var bytes = Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7)).ToArray();
        using var client = StubHandler.SignedMedia(bytes, signedWith: Hostile.SecretKey).Client(o => o.SecretKey = Hostile.SecretKey);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        var buffer = new byte[media.Length!.Value];

        await media.Content.ReadExactlyAsync(buffer);

        Assert.That(buffer, Is.EqualTo(bytes));
        Assert.That(await media.Content.ReadAsync(new byte[10].AsMemory()), Is.Zero);
    }

    [Test]
    public async Task A_dripping_media_body_times_out_on_async_and_sync_reads()
    {
        var streams = new List<StallingStream>();
        var handler = new StubHandler(_ =>
        {
            var stream = new StallingStream([1, 2, 3]);
            lock (streams)
            {
                streams.Add(stream);
            }

            var content = new StreamContent(stream);
            content.Headers.TryAddWithoutValidation("Content-Type", "image/jpeg");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var client = handler.Client(o => o.MediaReadTimeout = TimeSpan.FromMilliseconds(100));

        using (var media = await client.GetMediaAsync(Hostile.Token, MediaKind.FaceVideo))
        {
            var ex = Assert.ThrowsAsync<IdentomatTimeoutException>(() => media.Content.CopyToAsync(Stream.Null));
            Assert.That(ex!.Message, Does.Contain("MediaReadTimeout").And.Contain("100 ms"));
            Assert.ThrowsAsync<IdentomatTimeoutException>(async () => await media.Content.ReadAsync(new byte[1].AsMemory()), "and stays failed");
        }

        using (var media = await client.GetMediaAsync(Hostile.Token, MediaKind.FaceVideo))
        {
            Assert.Throws<IdentomatTimeoutException>(() => media.Content.CopyTo(Stream.Null));
        }
    }

    [Test]
    public async Task Canceling_the_media_call_token_ends_a_stalled_read_as_a_cancellation()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream([1])) });
        using var client = handler.Client();
        using var cts = new CancellationTokenSource();
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face, cts.Token);
        var read = media.Content.CopyToAsync(Stream.Null);

        cts.CancelAfter(50);

        Assert.That(async () => await read, Throws.InstanceOf<OperationCanceledException>());
    }

    // Row 7: no server-controlled text in Message; excerpts redacted before they are cut.
    [Test]
    public void The_reason_phrase_never_reaches_the_message()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            ReasonPhrase = "leak " + Hostile.CompanyKey + " " + Hostile.Token,
            Content = new StringContent("oops"),
        });
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Assert.That(ex!.Message, Does.Not.Contain("leak"));
        Hostile.AssertNoSecret(ex.Message);
        Hostile.AssertNoSecret(ex.ToString());
    }

    private static IEnumerable<TestCaseData> EchoedSecrets()
    {
        foreach (var secret in new[] { Hostile.CompanyKey, Hostile.SecretKey, Hostile.Token })
        {
            foreach (var form in Hostile.Forms(secret))
            {
                foreach (var at in new[] { 0, 500, 505, 511 })
                {
                    yield return new TestCaseData(form, at).SetArgDisplayNames(secret.Substring(0, 4), form.Length.ToString(), at.ToString());
                }
            }
        }
    }

    [TestCaseSource(nameof(EchoedSecrets))]
    public void Excerpts_redact_every_form_of_a_secret_before_cutting(string echoed, int at)
    {
        var body = new string('.', at) + echoed + new string('.', 600);
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes(body)));
        using var client = handler.Client(o => o.SecretKey = Hostile.SecretKey);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Assert.That(ex!.ResponseBodyExcerpt, Is.Not.Null);
        Assert.That(ex.ResponseBodyExcerpt!.Length, Is.LessThanOrEqualTo(513));
        Hostile.AssertNoSecret(ex.ResponseBodyExcerpt);
        Assert.That(ex.ResponseBodyExcerpt, Does.Not.Contain("\\u"), "no escaped remnant");
    }

    [Test]
    public void Excerpts_replace_line_breaks_control_and_bidi_characters()
    {
        var body = "line1\r\nERROR forged log line\u2028x\u202Eevil\u200Fy\u0000z\u001b[31m";
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes(body), "text/plain"));
        using var client = handler.Client();

        var excerpt = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token))!.ResponseBodyExcerpt!;

        Assert.That(excerpt.Any(c => char.IsControl(c) || c is '\u2028' or '\u202E' or '\u200F'), Is.False, excerpt);
        Assert.That(excerpt, Does.Contain("forged log line"));
    }

    [Test]
    public void A_successful_answer_of_the_wrong_shape_is_never_excerpted()
    {
        var personal = "{\"name\":\"Nino Beridze\",\"person\":{\"personalNumber\":\"01001011234\"}}";
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(personal)));
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Hostile.Flow));

        Assert.That(ex!.ResponseBodyExcerpt, Is.Null);
        Assert.That(ex.Message, Does.Contain($"content type application/json, {Encoding.UTF8.GetByteCount(personal)} bytes"));
        Assert.That(ex.ToString(), Does.Not.Contain("Beridze").And.Not.Contain("01001011234"));
    }

    [Test]
    public void A_content_type_that_carries_a_secret_is_not_named()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "[1]"u8.ToArray(), "application/" + Hostile.CompanyKey));
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Hostile.Flow));

        Hostile.AssertNoSecret(ex!.Message);
        Assert.That(ex.Message, Does.Contain("content type (not shown)"));
    }

    // Row 8: the documented ranges are the ranges Polly accepts.
    [TestCase("AttemptTimeout", 5)]
    [TestCase("TotalTimeout", 5)]
    [TestCase("MediaReadTimeout", 5)]
    [TestCase("TotalTimeout", 2 * 24 * 3600 * 1000.0)]
    [TestCase("AttemptTimeout", -1)]
    public void Timeouts_outside_what_Polly_accepts_fail_validation(string name, double milliseconds)
    {
        var options = Valid();
        var value = TimeSpan.FromMilliseconds(milliseconds);
        typeof(IdentomatClientOptions).GetProperty(name)!.SetValue(options, value);

        Assert.That(options.Validate(), Has.Some.StartsWith(name + " must be from 10 ms to 1 day"));
        Assert.That(() => new IdentomatClient(options), Throws.ArgumentException);
    }

    [Test]
    public void TimeSpan_MaxValue_fails_validation_and_start_up_not_the_first_resolve()
    {
        var services = new ServiceCollection();
        services.AddIdentomat(o => { o.CompanyKey = "ck"; o.TotalTimeout = TimeSpan.MaxValue; o.AttemptTimeout = TimeSpan.MaxValue; });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(ex!.Message, Does.Contain("TotalTimeout must be from 10 ms to 1 day"));
    }

    [Test]
    public void Every_edge_of_the_documented_ranges_constructs()
    {
        foreach (var (attempt, total, retries, delay) in new[]
        {
            (TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), 0, TimeSpan.Zero),
            (TimeSpan.FromDays(1), TimeSpan.FromDays(1), 10, TimeSpan.FromMinutes(1)),
            (TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1), 1, TimeSpan.Zero),
        })
        {
            var options = Valid();
            (options.AttemptTimeout, options.TotalTimeout, options.MaxRetries, options.RetryBaseDelay, options.MediaReadTimeout) = (attempt, total, retries, delay, attempt);
            Assert.That(options.Validate(), Is.Empty);
            Assert.That(() => new IdentomatClient(options).Dispose(), Throws.Nothing);
        }
    }

    // Row 9: base addresses.
    [Test]
    public async Task A_base_address_without_its_trailing_slash_still_reaches_the_operations()
    {
        using var api = WireMockServer.Start();
        api.Answer("begin/", Json("\"tok\""));
        using var client = new IdentomatClient(new IdentomatClientOptions { CompanyKey = "ck", BaseAddress = new Uri(api.Url + "/external-api") });

        var session = await client.BeginSessionAsync(Hostile.Flow);

        Assert.That(session.Token, Is.EqualTo("tok"));
        Assert.That(api.LogEntries.Single().RequestMessage!.Path, Is.EqualTo("/external-api/begin/"));
    }

    [TestCase("https://user:p4ssw0rd@widget.identomat.com/external-api/")]
    [TestCase("https://widget.identomat.com/external-api/?company_key=p4ssw0rd")]
    [TestCase("https://widget.identomat.com/external-api/#p4ssw0rd")]
    public void Credentials_queries_and_fragments_in_addresses_are_refused_and_never_printed(string address)
    {
        foreach (var name in new[] { "BaseAddress", "WidgetBaseAddress" })
        {
            var options = Valid();
            typeof(IdentomatClientOptions).GetProperty(name)!.SetValue(options, new Uri(address));

            var errors = options.Validate();

            Assert.That(errors, Has.One.StartsWith(name + " must not contain user-info, a query string or a fragment"));
            Assert.That(string.Join(" ", errors) + options, Does.Not.Contain("p4ssw0rd"));
        }
    }

    [Test]
    public void Widget_urls_are_canonical()
    {
        using var client = new IdentomatClient(Valid());

        Assert.That(client.GetWidgetUrl("t/k+n").OriginalString, Is.EqualTo("https://widget.identomat.com/?session_token=t%2Fk%2Bn"));
        using var other = new IdentomatClient(Valid(o => o.WidgetBaseAddress = new Uri("https://kyc.example.com:443/widget")));
        Assert.That(other.GetWidgetUrl("tok").OriginalString, Is.EqualTo("https://kyc.example.com/widget?session_token=tok"));
    }

    // Row 10: disposal.
    [Test]
    public void Calls_after_dispose_throw_ObjectDisposedException()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "\"tok\""u8.ToArray()));
        var client = handler.Client();
        client.Dispose();

        Assert.ThrowsAsync<ObjectDisposedException>(() => client.BeginSessionAsync(Hostile.Flow));
        Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetResultAsync(Hostile.Token));
        Assert.That(handler.Requests, Is.Zero);
    }

    [Test]
    public void A_caller_owned_HttpClient_disposed_before_the_call_surfaces_as_ObjectDisposedException()
    {
        var http = new HttpClient(new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "{}"u8.ToArray())));
        using var client = new IdentomatClient(http, Valid());
        http.Dispose();

        Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetResultAsync(Hostile.Token));
    }

    [Test]
    public async Task Calls_in_flight_when_the_owned_client_is_disposed_are_not_timeouts()
    {
        using var api = WireMockServer.Start();
        api.Answer("result/", Json("{}").WithDelay(TimeSpan.FromSeconds(20)));
        var client = new IdentomatClient(Valid(o => o.BaseAddress = new Uri(api.Url + "/external-api/")));
        var call = client.GetResultAsync(Hostile.Token);
        await Task.Delay(200);

        client.Dispose();

        Assert.That(async () => await call, Throws.InstanceOf<ObjectDisposedException>());
    }

    // Row 11: a declared length is not an allocation.
    [Test]
    public async Task Stalled_answers_that_declare_16_MiB_hold_only_the_bytes_that_arrived()
    {
        const int Calls = 32;
        var streams = new List<StallingStream>();
        var handler = new StubHandler(_ =>
        {
            var stream = new StallingStream(Encoding.UTF8.GetBytes("{\"result\":"));
            lock (streams)
            {
                streams.Add(stream);
            }

            var content = new StreamContent(stream);
            content.Headers.ContentLength = 16L * 1024 * 1024;
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var client = handler.Client();
        using var cts = new CancellationTokenSource();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var calls = Enumerable.Range(0, Calls).Select(_ => client.GetResultAsync(Hostile.Token, cts.Token)).ToList();
        while (streams.Count < Calls || streams.Sum(s => s.Waiting) < Calls)
        {
            await Task.Delay(10);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        await cts.CancelAsync();
        foreach (var call in calls)
        {
            Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        }

        // Before: 32 × 16 MiB = 512 MiB allocated up front.
        Assert.That(allocated, Is.LessThan(16L * 1024 * 1024), $"{allocated:N0} bytes for {Calls} stalled calls");
    }

    private static IdentomatClientOptions Valid(Action<IdentomatClientOptions>? configure = null)
    {
        var options = new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey };
        configure?.Invoke(options);
        return options;
    }
}

/// <summary>Media streams under the Stream contract's corners.</summary>
public class MediaStreamContractTests
{
    [Test]
    public async Task Zero_byte_reads_do_not_end_a_genuine_signed_stream()
    {
        var body = Enumerable.Range(0, 5000).Select(i => (byte)(i * 3)).ToArray();
        using var client = StubHandler.SignedMedia(body, signedWith: Hostile.SecretKey).Client(o => o.SecretKey = Hostile.SecretKey);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);

        Assert.That(await media.Content.ReadAsync(Memory<byte>.Empty), Is.Zero);
        Assert.That(media.Content.Read(new byte[4], 0, 0), Is.Zero);
        using var copy = new MemoryStream();
        await media.Content.CopyToAsync(copy);

        Assert.That(copy.ToArray(), Is.EqualTo(body));
    }

    [Test]
    public async Task A_body_shorter_than_declared_fails_and_stays_failed()
    {
        var body = Enumerable.Range(0, 5000).Select(i => (byte)(i * 3)).ToArray();
        var handler = new StubHandler(_ =>
        {
            // The content claims 9000 bytes but its stream ends after 5000 (a proxy that cut the body).
            var content = new StreamContent(new MemoryStream(body));
            content.Headers.TryAddWithoutValidation("Content-Type", "image/jpeg");
            content.Headers.ContentLength = 9000;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var client = handler.Client();
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => media.Content.CopyToAsync(Stream.Null));
        Assert.That(ex!.Message, Does.Contain("ended after 5000 of the 9000 bytes declared"));
        Assert.ThrowsAsync<IdentomatApiException>(async () => await media.Content.ReadAsync(new byte[1].AsMemory()));
    }
}
