using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Identomat.Sdk.Tests.FirstHour;

/// <summary>What a new integrator meets in the first hour: configuration, rotation, JSON, hints, polling, the fake in DI.</summary>
public class IntegratorTests
{
    private static readonly SessionRequest Flow = new SessionBuilder().AddLiveness().Build();

    private static string Sign(string key, byte[] body) =>
        "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body)) + "\"";

    private static ServiceProvider Configured(Dictionary<string, string?> settings, out IConfiguration configuration)
    {
        configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddIdentomat(configuration.GetSection("Identomat"));
        return services.BuildServiceProvider();
    }

    // Row 9: typos in configuration are errors at start-up, naming the key and the section.
    [Test]
    public void An_unknown_configuration_key_fails_start_up_naming_key_and_section()
    {
        using var provider = Configured(new() { ["Identomat:CompanyKey"] = "ck", ["Identomat:BaseAdress"] = "https://x/", ["Identomat:MaxRetry"] = "2" }, out _);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(ex!.Message, Does.Contain("'BaseAdress' in configuration section 'Identomat' is not a setting"));
        Assert.That(ex.Message, Does.Contain("'MaxRetry' in configuration section 'Identomat' is not a setting"));
    }

    [TestCase("MaxRetries", "three", "must be a whole number")]
    [TestCase("AttemptTimeout", "30s", "must be a duration")]
    [TestCase("BaseAddress", "widget.identomat.com/external-api/", "must be an absolute URL")]
    [TestCase("RetryBeginSessionAfterSend", "yes", "must be true or false")]
    public void A_value_that_does_not_parse_fails_start_up_without_echoing_it(string key, string value, string message)
    {
        using var provider = Configured(new() { ["Identomat:CompanyKey"] = "ck", ["Identomat:" + key] = value }, out _);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(ex!.Message, Does.Contain($"'{key}' in configuration section 'Identomat' {message}"));
        Assert.That(ex.Message, Does.Not.Contain(value));
    }

    [Test]
    public void Every_setting_binds_from_configuration()
    {
        using var provider = Configured(new()
        {
            ["Identomat:companykey"] = "ck", ["Identomat:SecretKey"] = "sk", ["Identomat:PreviousSecretKey"] = "sk-old",
            ["Identomat:CallbackApiKeys:0"] = "cb1", ["Identomat:CallbackApiKeys:1"] = "cb0", ["Identomat:BaseAddress"] = "https://api.example/external-api/",
            ["Identomat:WidgetBaseAddress"] = "https://w.example/", ["Identomat:AttemptTimeout"] = "00:00:07", ["Identomat:TotalTimeout"] = "00:01:00",
            ["Identomat:MediaReadTimeout"] = "00:00:09", ["Identomat:MaxRetries"] = "5", ["Identomat:RetryBaseDelay"] = "00:00:00.200",
            ["Identomat:MaxRetryAfter"] = "00:00:11", ["Identomat:RetryBeginSessionAfterSend"] = "true", ["Identomat:MaxMediaBytes"] = "2048",
            ["Identomat:PropagateTraceContext"] = "true", ["Identomat:AccountName"] = "eu-1",
        }, out _);

        var o = provider.GetRequiredService<IOptions<IdentomatClientOptions>>().Value;

        Assert.That(
            (o.CompanyKey, o.SecretKey, o.PreviousSecretKey, string.Join(",", o.CallbackApiKeys), o.BaseAddress.ToString(), o.WidgetBaseAddress.ToString(), o.AttemptTimeout, o.TotalTimeout, o.MediaReadTimeout, o.MaxRetries, o.RetryBaseDelay, o.MaxRetryAfter, o.RetryBeginSessionAfterSend, o.MaxMediaBytes, o.PropagateTraceContext, o.AccountName),
            Is.EqualTo(("ck", "sk", "sk-old", "cb1,cb0", "https://api.example/external-api/", "https://w.example/", TimeSpan.FromSeconds(7), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(9), 5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(11), true, 2048L, true, "eu-1")));
        var settable = typeof(IdentomatClientOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name);
        Assert.That(settable, Is.EquivalentTo(new[] { "CompanyKey", "SecretKey", "PreviousSecretKey", "CallbackApiKeys", "BaseAddress", "WidgetBaseAddress", "AttemptTimeout", "TotalTimeout", "MediaReadTimeout", "MaxRetries", "RetryBaseDelay", "MaxRetryAfter", "RetryBeginSessionAfterSend", "MaxMediaBytes", "PropagateTraceContext", "AccountName" }), "every setting is bindable");
    }

    // Row 13: key rotation.
    [Test]
    public async Task Answers_signed_with_the_previous_secret_key_are_accepted_during_a_rotation()
    {
        var key = "old";
        var handler = new StubHandler(_ =>
        {
            var body = "\"tok\""u8.ToArray();
            var response = StubHandler.Answer(HttpStatusCode.OK, body);
            response.Headers.TryAddWithoutValidation("Authorization", Sign(key, body));
            return response;
        });
        using var rotating = handler.Client(o => { o.SecretKey = "new"; o.PreviousSecretKey = "old"; });
        using var strict = handler.Client(o => o.SecretKey = "new");

        Assert.That((await rotating.BeginSessionAsync(Flow)).Token, Is.EqualTo("tok"));
        Assert.ThrowsAsync<IdentomatSignatureException>(() => strict.BeginSessionAsync(Flow));
        key = "new";
        Assert.That((await rotating.BeginSessionAsync(Flow)).Token, Is.EqualTo("tok"));
        key = "someone else";
        Assert.ThrowsAsync<IdentomatSignatureException>(() => rotating.BeginSessionAsync(Flow));
    }

    [Test]
    public async Task Media_signed_with_the_previous_secret_key_is_accepted_during_a_rotation()
    {
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)(i % 251)).ToArray();
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.OK, bytes, "image/jpeg");
            response.Headers.TryAddWithoutValidation("Authorization", Sign("old", bytes));
            return response;
        });
        using var client = handler.Client(o => { o.SecretKey = "new"; o.PreviousSecretKey = "old"; });
        using var media = await client.GetMediaAsync("tok", MediaKind.Face);

        using var copy = new MemoryStream();
        await media.Content.CopyToAsync(copy);

        Assert.That(copy.ToArray(), Is.EqualTo(bytes));
    }

    [Test]
    public void The_callback_parser_comes_from_AddIdentomat_with_every_configured_key()
    {
        using var provider = Configured(new() { ["Identomat:CompanyKey"] = "ck", ["Identomat:CallbackApiKeys:0"] = "cb-new", ["Identomat:CallbackApiKeys:1"] = "cb-old" }, out _);
        var parser = provider.GetRequiredService<IdentomatCallbackParser>();

        Assert.That(parser.Parse("{\"callbackApiKey\":\"cb-old\",\"type\":\"x\"}").Type, Is.EqualTo("x"));
        Assert.That(parser.Parse("{\"callbackApiKey\":\"cb-new\",\"type\":\"y\"}").Type, Is.EqualTo("y"));
        Assert.That(provider.GetRequiredKeyedService<IdentomatCallbackParser>(string.Empty), Is.Not.Null);
    }

    [Test]
    public void Without_callback_keys_the_parser_names_the_setting()
    {
        var services = new ServiceCollection();
        services.AddIdentomat("eu", o => o.CompanyKey = "ck");
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<IdentomatCallbackParser>("eu"));

        Assert.That(ex!.Message, Does.Contain("The Identomat client 'eu' has no CallbackApiKeys"));
    }

    // Row 3: the app's own JSON serializer.
    [Test]
    public void Results_and_sessions_round_trip_through_the_apps_JsonSerializer()
    {
        var result = VerificationResult.FromJson(ClientHarnessFixture("result.approved-with-proof-of-address"));
        var session = new IdentomatSession("tok", new Uri("https://widget.identomat.com/?session_token=tok"), DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        foreach (var options in new[] { JsonSerializerOptions.Default, JsonSerializerOptions.Web, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseUpper } })
        {
            var json = JsonSerializer.Serialize(result, options);
            Assert.That(json, Does.Contain("\"result\":\"approved\"").And.Contain("\"document_type\":\"id\""));
            Assert.That(JsonSerializer.Deserialize<VerificationResult>(json, options)!.ToJson(), Is.EqualTo(result.ToJson()));

            var sessionJson = JsonSerializer.Serialize(session, options);
            Assert.That(sessionJson, Is.EqualTo("{\"token\":\"tok\",\"widgetUrl\":\"https://widget.identomat.com/?session_token=tok\",\"issuedAt\":\"2026-11-27T10:00:00+00:00\"}"));
            var back = JsonSerializer.Deserialize<IdentomatSession>(sessionJson, options)!;
            Assert.That((back.Token, back.WidgetUrl, back.IssuedAt), Is.EqualTo((session.Token, session.WidgetUrl, session.IssuedAt)));
        }

        Assert.That(JsonSerializer.Serialize(new { s = (VerificationStatus?)VerificationStatus.ManualCheck, d = DocumentType.Passport, l = LanguageCode.English, f = FileType.Pdf, g = GeneralDocumentType.UtilityBill }), Is.EqualTo("{\"s\":\"manual_check\",\"d\":\"passport\",\"l\":\"en\",\"f\":\"pdf\",\"g\":\"utility_bill\"}"));
    }

    private static string ClientHarnessFixture(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name + ".json"));

    // Row 8: hints that name the real cause.
    [Test]
    public void A_refused_signature_points_at_the_secret_key()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.Unauthorized, "\"SIGNATURE_INVALID\""u8.ToArray()));
        using var client = handler.Client(o => o.SecretKey = "sk");

        var ex = Assert.ThrowsAsync<IdentomatAuthenticationException>(() => client.GetResultAsync("tok"));

        Assert.That(ex!.Message, Does.Contain("IdentomatClientOptions.SecretKey").And.Not.Contain("Check IdentomatClientOptions.CompanyKey"));
    }

    [Test]
    public void A_secret_key_for_an_account_that_does_not_sign_says_so_and_that_a_session_may_exist()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "\"tok\""u8.ToArray()));
        using var client = handler.Client(o => o.SecretKey = "sk");

        var ex = Assert.ThrowsAsync<IdentomatSignatureException>(() => client.BeginSessionAsync(Flow));

        Assert.That(ex!.Message, Does.Contain("signature is missing").And.Contain("does not sign").And.Contain("may have created a session"));
    }

    [Test]
    public void A_named_client_that_was_never_registered_says_so()
    {
        var services = new ServiceCollection();
        services.AddIdentomat("eu", o => o.CompanyKey = "ck");
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IIdentomatClientFactory>().CreateClient("us"));

        Assert.That(ex!.Message, Does.Contain("No Identomat client named 'us' is registered (registered: 'eu')").And.Contain("AddIdentomat(\"us\""));
    }

    [Test]
    public void A_short_timeout_prints_in_milliseconds()
    {
        var handler = new StubHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new HttpResponseMessage();
        });
        using var client = handler.Client(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(200); o.TotalTimeout = TimeSpan.FromMilliseconds(200); });

        var ex = Assert.ThrowsAsync<IdentomatTimeoutException>(() => client.GetResultAsync("tok"));

        Assert.That(ex!.Message, Does.Contain("AttemptTimeout 200 ms, TotalTimeout 200 ms"));
    }

    [TestCase(503)]
    [TestCase(502)]
    public void A_failed_begin_says_why_it_was_not_retried_and_how_to_opt_in(int status)
    {
        var handler = new StubHandler(_ => StubHandler.Answer((HttpStatusCode)status, "{}"u8.ToArray()));
        using var client = handler.Client(o => o.MaxRetries = 3);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Flow));

        Assert.That(handler.Requests, Is.EqualTo(1));
        Assert.That(ex!.Message, Does.Contain("deliberately not retried").And.Contain("RetryBeginSessionAfterSend"));
    }

    [Test]
    public void Api_errors_carry_what_a_support_ticket_needs()
    {
        using var listener = new ActivityListener { ShouldListenTo = s => s.Name == IdentomatTelemetry.ActivitySourceName, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded };
        ActivitySource.AddActivityListener(listener);
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.InternalServerError, "{}"u8.ToArray());
            response.Headers.TryAddWithoutValidation("X-Request-Id", "req-7f3a-01");
            return response;
        });
        using var client = handler.Client();
        var before = DateTimeOffset.UtcNow;

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync("tok"));

        Assert.That((ex!.Operation, ex.Attempts, ex.RequestId), Is.EqualTo(("result", 1, "req-7f3a-01")));
        Assert.That(ex.OccurredAt, Is.InRange(before, DateTimeOffset.UtcNow));
        Assert.That(ex.TraceId, Has.Length.EqualTo(32));
    }

    [TestCase(new[] { "CF-Ray", "ray-3", "x-request-id", "req-1", "Request-Id", "req-2" }, "req-1")]
    [TestCase(new[] { "X-Amz-Cf-Id", "cf-5", "x-correlation-id", "corr-3" }, "corr-3")]
    [TestCase(new[] { "cf-ray", "ray-6" }, "ray-6")]
    [TestCase(new[] { "CF-Ray", "ray-6", "X-Request-Id", "not a token!" }, null)]
    [TestCase(new[] { "X-Request-Ids", "req-1", "Request-Id-2", "req-2" }, null)]
    public void The_best_ranked_request_id_header_wins_whatever_its_order_and_case(string[] headers, string? expected) =>
        Assert.That(RequestIdAfter(headers), Is.EqualTo(expected));

    // Most of a secret (more than a third of it, in any case) is not shown either.
    [TestCase(Hostile.CompanyKey + "-req")]
    [TestCase("ck_HOSTILE_Zq81xv0-req")]
    [TestCase("CK_HOSTILE_ZQ81XV0P")]
    [TestCase("req-tok_HOSTILE_u9w3e5r7t")]
    [TestCase("req-m4jr72ab-01")]
    public void A_request_id_holding_part_of_a_secret_is_dropped(string value) =>
        Assert.That(RequestIdAfter(["X-Request-Id", value], o => o.SecretKey = Hostile.SecretKey, Hostile.Token), Is.Null);

    /// <summary>The request id of the exception a 500 answer with these headers (name, value, name, value…) gives.</summary>
    private static string? RequestIdAfter(string[] headers, Action<IdentomatClientOptions>? configure = null, string token = "tok")
    {
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.InternalServerError, "{}"u8.ToArray());
            for (var i = 0; i < headers.Length; i += 2)
            {
                response.Headers.TryAddWithoutValidation(headers[i], headers[i + 1]);
            }

            return response;
        });
        using var client = handler.Client(configure);
        return Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(token))!.RequestId;
    }

    // A last attempt without an answer has no request id, not the one of the
    // attempt before it.
    [Test]
    public void A_failure_without_an_answer_carries_no_earlier_attempts_request_id()
    {
        var calls = 0;
        var handler = new StubHandler(_ => Interlocked.Increment(ref calls) == 1
            ? WithRequestId(StubHandler.Answer(HttpStatusCode.ServiceUnavailable, "{}"u8.ToArray()), "req-first-attempt")
            : throw new HttpRequestException("connection reset"));
        using var client = handler.Client(o => { o.MaxRetries = 1; o.RetryBaseDelay = TimeSpan.Zero; });

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync("tok"));

        Assert.That((ex!.Attempts, ex.StatusCode, ex.RequestId), Is.EqualTo((2, (HttpStatusCode?)null, (string?)null)));
    }

    private static HttpResponseMessage WithRequestId(HttpResponseMessage response, string id)
    {
        response.Headers.TryAddWithoutValidation("X-Request-Id", id);
        return response;
    }

    [Test]
    public void A_request_id_that_echoes_a_secret_is_dropped()
    {
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.InternalServerError, "{}"u8.ToArray());
            response.Headers.TryAddWithoutValidation("X-Request-Id", Hostile.CompanyKey);
            return response;
        });
        using var client = handler.Client();

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync("tok"))!.RequestId, Is.Null);
    }

    // Row 6: media errors are recognized by their bytes, whatever the content type claims.
    [TestCase("image/jpeg")]
    [TestCase("application/octet-stream")]
    [TestCase(null)]
    public async Task A_media_error_is_recognized_whatever_the_content_type(string? contentType)
    {
        var handler = new StubHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(" {\"argumentError\":\"no face image\"}"u8.ToArray()) };
            if (contentType is not null)
            {
                response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            return response;
        });
        using var client = handler.Client();

        using var media = await client.GetMediaAsync("tok", MediaKind.Face);

        Assert.That((media.IsAvailable, media.UnavailableReason), Is.EqualTo((false, "no face image")));
        Assert.ThrowsAsync<IdentomatSessionNotFoundException>(async () =>
        {
            var notFound = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent("\"SESSION_NOT_FOUND\""u8.ToArray()) });
            using var other = notFound.Client();
            using var m = await other.GetMediaAsync("tok", MediaKind.Face);
        });
    }

    [Test]
    public async Task Media_bytes_are_streamed_whole_after_the_look_at_their_first_bytes()
    {
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }.Concat(Enumerable.Range(0, 100_000).Select(i => (byte)i)).ToArray();
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, jpeg, "application/json"));
        using var client = handler.Client();

        using var media = await client.GetMediaAsync("tok", MediaKind.Face);
        using var copy = new MemoryStream();
        await media.Content.CopyToAsync(copy);

        Assert.That(copy.ToArray(), Is.EqualTo(jpeg));
    }

    // Row 10: polling until the result is final.
    [Test]
    public async Task Polling_returns_the_first_final_result()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        var session = await client.BeginSessionAsync(Flow);
        var time = new FakeTimeProvider();
        var polling = new ResultPollingOptions { TimeProvider = time, FirstDelay = TimeSpan.FromSeconds(1) };

        var wait = client.WaitForResultAsync(session.Token, polling);
        while (fake.CallCount(FakeOperation.Result) < 3)
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        fake.CompleteSession(session.Token, FakeResults.Approved());
        while (!wait.IsCompleted)
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var progress = await wait;
        Assert.That(progress.HasCompleted, Is.True);
        Assert.That(progress.LastResult!.Status, Is.EqualTo(VerificationStatus.Approved));
    }

    [Test]
    public async Task Polling_treats_an_unknown_status_as_in_progress_and_stops_at_its_deadline_with_a_value()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        var token = fake.AddSession(FakeResults.Approved() with { Status = new VerificationStatus("waiting_for_operator") });
        var time = new FakeTimeProvider();

        var wait = client.WaitForResultAsync(token, new ResultPollingOptions { TimeProvider = time, Timeout = TimeSpan.FromMinutes(1) });
        while (!wait.IsCompleted)
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        var progress = await wait;
        Assert.That(progress.HasCompleted, Is.False, "not yet is a value");
        Assert.That(progress.Stage, Is.EqualTo(VerificationStage.InProgress));
        Assert.That(progress.LastResult!.Status!.Value.Value, Is.EqualTo("waiting_for_operator"));
        Assert.That(progress.Reads, Is.GreaterThan(1));
    }

    [Test]
    public void Polling_is_canceled_by_the_token()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        var token = fake.AddSession();
        using var cts = new CancellationTokenSource(100);

        Assert.That(async () => await client.WaitForResultAsync(token, new ResultPollingOptions { FirstDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(30) }, cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    // Row 12: the in-process fake serves the client AddIdentomat registers.
    [Test]
    public async Task The_in_process_fake_plugs_into_the_registered_client_in_one_line()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        var services = new ServiceCollection();
        services.AddIdentomat(o => o.CompanyKey = "the app's real key").UseIdentomatFake(fake);
        services.AddIdentomat("eu", o => o.CompanyKey = "eu key");
        services.UseIdentomatFake(fake, "eu");
        using var provider = services.BuildServiceProvider();

        var session = await provider.GetRequiredService<IIdentomatClient>().BeginSessionAsync(Flow);
        var eu = await provider.GetRequiredKeyedService<IIdentomatClient>("eu").BeginSessionAsync(Flow);

        Assert.That(fake.SessionTokens, Is.EquivalentTo(new[] { session.Token, eu.Token }));
        Assert.That(provider.GetRequiredService<IdentomatCallbackParser>().Parse(fake.CreateCallbackBody("x", "s")).Type, Is.EqualTo("x"));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddHttpClient("other").UseIdentomatFake(fake));
    }
}
