#pragma warning disable CA2022, CA2016, CA1849
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.Time.Testing;

namespace Identomat.Sdk.Tests.Http;

/// <summary>
/// How each answer becomes a value or a typed exception, message by message: what a support engineer reads, and the
/// boundaries that decide between two outcomes.
/// </summary>
public class AnswerReadersTests
{
    private static StubHandler Answering(HttpStatusCode status, string body, string? contentType = "application/json", Action<HttpResponseMessage>? more = null) =>
        new(_ =>
        {
            var answer = new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
            if (contentType is not null)
            {
                answer.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            more?.Invoke(answer);
            return answer;
        });

    [TestCase("\"tok!en~42\"", true)]
    [TestCase("\"tok en\"", false)]
    [TestCase("\"tok\\u007fen\"", false)]
    [TestCase("\"tok\\u00e9n\"", false)]
    public async Task A_session_token_is_printable_ASCII_from_bang_to_tilde(string answer, bool accepted)
    {
        using var client = Answering(HttpStatusCode.OK, answer).Client();

        if (accepted)
        {
            Assert.That((await client.BeginSessionAsync(Hostile.Flow)).Token, Is.EqualTo("tok!en~42"));
        }
        else
        {
            Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Hostile.Flow))!.Message, Does.Contain("expected a session token (a JSON string of printable ASCII)"));
        }
    }

    [Test]
    public void A_begin_answer_that_is_not_JSON_says_so()
    {
        using var client = Answering(HttpStatusCode.OK, "\"unterminated").Client();

        Assert.That(
            Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Hostile.Flow))!.Message,
            Is.EqualTo("Identomat begin: expected JSON, but the HTTP 200 answer was not that (content type application/json, 13 bytes)."));
    }

    [Test]
    public void An_unknown_session_on_result_is_its_typed_error_with_the_code()
    {
        using var client = Answering(HttpStatusCode.OK, "\"SESSION_NOT_FOUND\"").Client();

        var ex = Assert.ThrowsAsync<IdentomatSessionNotFoundException>(() => client.GetResultAsync(Hostile.Token));

        Assert.That(ex!.Message, Is.EqualTo("Identomat result failed: HTTP 200, error code SESSION_NOT_FOUND, after 1 attempt(s)."));
    }

    [Test]
    public void A_media_answer_that_is_JSON_but_no_argumentError_says_what_was_expected()
    {
        using var client = Answering(HttpStatusCode.OK, "{\"other\":1}").Client();

        Assert.That(
            Assert.ThrowsAsync<IdentomatApiException>(() => client.GetMediaAsync(Hostile.Token, MediaKind.Face))!.Message,
            Does.StartWith("Identomat media: expected media or an argumentError object, but"));
    }

    [TestCase(500, null, "Identomat result failed: HTTP 500, after 1 attempt(s).")]
    [TestCase(500, "\"SOME_CODE\"", "Identomat result failed: HTTP 500, error code SOME_CODE, after 1 attempt(s).")]
    [TestCase(200, "\"COMPANY_KEY_INVALID\"", "Identomat result failed: HTTP 200, error code COMPANY_KEY_INVALID, after 1 attempt(s). Check IdentomatClientOptions.CompanyKey.")]
    [TestCase(403, null, "Identomat result failed: HTTP 403, after 1 attempt(s). Check IdentomatClientOptions.CompanyKey.")]
    public void Error_messages_name_the_operation_status_code_and_attempts(int status, string? body, string message)
    {
        using var client = Answering((HttpStatusCode)status, body ?? "{}").Client();

        Assert.That(Assert.CatchAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token))!.Message, Is.EqualTo(message));
    }

    [TestCase("\"A\"", "A")]
    [TestCase("\"OK\"", "OK")]
    [TestCase("\"\"", null)]
    [TestCase("\"ok\"", null)]
    public void A_short_upper_case_string_is_an_error_code(string body, string? code)
    {
        using var client = Answering(HttpStatusCode.InternalServerError, body).Client();

        Assert.That(Assert.CatchAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token))!.ErrorCode, Is.EqualTo(code));
    }

    // A code is read as a failure of the call; a longer string is an answer of the wrong shape. (A code over 64
    // characters is never shown: the message says only that the call failed.)
    [TestCase(253, true)]
    [TestCase(254, false)]
    [TestCase(400, false)]
    public void An_error_code_fits_in_255_bytes(int letters, bool isCode)
    {
        var code = new string('E', letters);
        using var client = Answering(HttpStatusCode.OK, "\"" + code + "\"").Client();

        var ex = Assert.CatchAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Assert.That(ex!.Message, isCode ? Is.EqualTo("Identomat result failed: HTTP 200, after 1 attempt(s).") : Does.StartWith("Identomat result: expected a result object"));
    }

    [Test]
    public void The_previous_secret_key_is_masked_like_the_others()
    {
        const string Previous = "sk_PREVIOUS_q8w7e6r5";
        using var client = Answering(HttpStatusCode.InternalServerError, $"{{\"echo\":\"{Previous}\"}}").Client(o => { o.SecretKey = Hostile.SecretKey; o.PreviousSecretKey = Previous; });

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Assert.That(ex!.ResponseBodyExcerpt, Is.EqualTo("{\"echo\":\"***\"}"));
    }

    [Test]
    public void A_retry_after_date_in_the_past_means_now()
    {
        using var client = Answering((HttpStatusCode)429, "{}", more: a => a.Headers.TryAddWithoutValidation("Retry-After", DateTimeOffset.UtcNow.AddHours(-1).ToString("R"))).Client();

        Assert.That(Assert.ThrowsAsync<IdentomatRateLimitException>(() => client.GetResultAsync(Hostile.Token))!.RetryAfter, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase(30, "Identomat result was throttled (HTTP 429) after 1 attempt(s).")]
    [TestCase(31, "Identomat result was throttled: the server asked to wait 31 s, more than MaxRetryAfter (30 s); not retried.")]
    public void A_wait_longer_than_MaxRetryAfter_fails_fast_and_says_so(int seconds, string message)
    {
        using var client = Answering((HttpStatusCode)429, "{}", more: a => a.Headers.TryAddWithoutValidation("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Client(o => o.MaxRetryAfter = TimeSpan.FromSeconds(30));

        Assert.That(Assert.ThrowsAsync<IdentomatRateLimitException>(() => client.GetResultAsync(Hostile.Token))!.Message, Is.EqualTo(message));
    }

    [TestCase(300)]
    [TestCase(399)]
    public void Every_3xx_but_304_is_a_refused_redirect(int status)
    {
        using var client = Answering((HttpStatusCode)status, "{}").Client();

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token))!.Message, Does.Contain("a redirect. Redirects are refused"));
    }

    [TestCase(true, "The server refused the request's signature: check IdentomatClientOptions.SecretKey")]
    [TestCase(false, "The server requires signed requests and this client does not sign: set IdentomatClientOptions.SecretKey")]
    public void A_refused_signature_says_what_to_check(bool signing, string advice)
    {
        using var client = Answering(HttpStatusCode.Unauthorized, "\"SIGNATURE_INVALID\"").Client(o => o.SecretKey = signing ? Hostile.SecretKey : null);

        Assert.That(Assert.ThrowsAsync<IdentomatAuthenticationException>(() => client.GetResultAsync(Hostile.Token))!.Message, Does.Contain(advice));
    }

    private const string NotRetried = " begin/ is deliberately not retried once the request may have reached the server, so that a retry never creates a second session; set IdentomatClientOptions.RetryBeginSessionAfterSend to retry it anyway.";

    [TestCase(503, false, true)]
    [TestCase(503, true, false)]
    [TestCase(400, false, false)]
    public void A_begin_that_may_have_reached_the_server_says_why_it_was_not_retried(int status, bool optedIn, bool hint)
    {
        using var client = Answering((HttpStatusCode)status, "{}").Client(o => o.RetryBeginSessionAfterSend = optedIn);

        var message = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Hostile.Flow))!.Message;

        Assert.That(message, Is.EqualTo($"Identomat begin failed: HTTP {status}, after 1 attempt(s).{(hint ? NotRetried : string.Empty)}"));
    }

    [Test]
    public void A_read_is_never_given_the_begin_hint()
    {
        using var client = Answering(HttpStatusCode.ServiceUnavailable, "{}").Client();

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token))!.Message, Does.Not.Contain("deliberately"));
    }

    [Test]
    public void A_begin_that_never_left_gets_no_hint_and_one_that_may_have_left_does()
    {
        using var refused = new StubHandler(_ => throw new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))).Client();
        using var reset = new StubHandler(_ => throw new HttpRequestException("reset", new IOException("reset"))).Client();

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => refused.BeginSessionAsync(Hostile.Flow))!.Message, Is.EqualTo("Identomat begin failed: no complete response after 1 attempt(s) (HttpRequestException)."));
        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => reset.BeginSessionAsync(Hostile.Flow))!.Message, Is.EqualTo("Identomat begin failed: no complete response after 1 attempt(s) (HttpRequestException)." + NotRetried));
    }

    [TestCase(null, "content type none, 5 bytes")]
    [TestCase("text/plain", "content type text/plain, 5 bytes")]
    [TestCase("text/x-" + Hostile.CompanyKey, "content type (not shown), 5 bytes")]
    public void An_answer_of_the_wrong_shape_is_described_by_its_type_and_length_only(string? contentType, string description)
    {
        using var client = Answering(HttpStatusCode.OK, "[1,2]", contentType).Client();

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token))!.Message, Does.EndWith($"answer was not that ({description})."));
    }

    [Test]
    public void The_first_of_two_request_ids_is_the_one_shown()
    {
        using var client = Answering(HttpStatusCode.InternalServerError, "{}", more: a => a.Headers.TryAddWithoutValidation("X-Request-Id", ["first-1", "second-2"])).Client();

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token))!.RequestId, Is.EqualTo("first-1"));
    }

    [Test]
    public void A_handler_that_cancels_by_itself_is_not_the_callers_cancellation()
    {
        using var client = new StubHandler(_ => throw new TaskCanceledException("the handler gave up")).Client();

        Assert.That(
            Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token))!.Message,
            Is.EqualTo("Identomat result was canceled by the HttpClient itself (it was disposed, CancelPendingRequests was called, or its Timeout elapsed) after 1 attempt(s), not by your cancellation token."));
    }

    [Test]
    public void A_failure_nobody_expected_is_still_the_SDKs_exception()
    {
        using var client = new StubHandler(_ => throw new InvalidOperationException("a broken handler")).Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Assert.That(ex!.Message, Is.EqualTo("Identomat result failed unexpectedly after 1 attempt(s) (InvalidOperationException)."));
        Assert.That(ex.InnerException, Is.TypeOf<InvalidOperationException>());
    }

    [Test]
    public async Task A_client_disposed_during_a_call_says_so()
    {
        var started = new TaskCompletionSource();
        var client = new StubHandler(async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }).Client();
        var call = client.GetResultAsync(Hostile.Token);
        await started.Task;

        client.Dispose();

        Assert.That(Assert.ThrowsAsync<ObjectDisposedException>(() => call)!.Message, Does.StartWith("The IdentomatClient was disposed while result was in flight."));
    }

    // A 2xx answer that is malformed JSON is wrapped with System.Text.Json's JsonException as
    // the inner exception, whose message carries the JSON path built from the server's property names. Exception
    // ToString() (what loggers print) then shows server-chosen text: here the session token and a forged log line.
    [Test]
    public void A_malformed_successful_answer_puts_no_server_text_in_ToString()
    {
        var body = "{\"person\":{\"" + Hostile.Token + "\\nFORGED LOG LINE\":[1,}}";
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(body)));
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Hostile.AssertNoSecret(ex!.ToString());
        Assert.That(ex.ToString(), Does.Not.Contain("FORGED LOG LINE"));
    }

    // AnswerClassifier.ErrorCodeOf reads a short bare JSON string with Utf8JsonReader.GetString
    // and catches only JsonException; a lone surrogate or invalid UTF-8 throws InvalidOperationException out of the
    // classifier. A 401 becomes "failed unexpectedly (InvalidOperationException)" with StatusCode null instead of an
    // IdentomatAuthenticationException (same for 404, 429, 5xx and for 200 on begin/result/delete).
    [TestCase(401, "\"\\ud800\"")]
    [TestCase(401, "\"\u00ff\"")]
    public void An_error_answer_whose_body_is_a_broken_string_keeps_its_status_and_type(int status, string body)
    {
        var bytes = body == "\"\u00ff\"" ? new byte[] { 0x22, 0xFF, 0x22 } : Encoding.UTF8.GetBytes(body);
        var handler = new StubHandler(_ => StubHandler.Answer((HttpStatusCode)status, bytes));
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatAuthenticationException>(() => client.GetResultAsync(Hostile.Token));

        Assert.That((int?)ex!.StatusCode, Is.EqualTo(status));
    }

    // A begin answer holding a lone surrogate became the token "\uFFFD".
    [TestCase("\"\\ud800\"")]
    [TestCase("\"\\udc00abc\"")]
    [TestCase("\"tok\\u0000en\"")]
    [TestCase("\"tok en\"")]
    public void A_session_token_that_is_not_printable_ASCII_is_an_unexpected_answer(string answer)
    {
        using var client = new IdentomatClient(
            new HttpClient(new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(answer)))),
            new IdentomatClientOptions { CompanyKey = "ck", BaseAddress = new Uri("https://stub.invalid/external-api/"), MaxRetries = 0 });
        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(new SessionRequest()));
        Assert.That(ex!.Message, Does.Contain("session token"));
    }

    [Test]
    public async Task An_argumentError_of_null_has_no_reason()
    {
        using var client = new IdentomatClient(
            new HttpClient(new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "{\"argumentError\":null}"u8.ToArray()))),
            new IdentomatClientOptions { CompanyKey = "ck", BaseAddress = new Uri("https://stub.invalid/external-api/"), MaxRetries = 0 });
        using var media = await client.GetMediaAsync("tok", MediaKind.Face);
        Assert.That((media.IsAvailable, media.UnavailableReason), Is.EqualTo((false, (string?)null)));
    }

    // A string that is not an error code is not the object these operations return, and neither is a broken string.
    [TestCase("\"not a code\"", 12)]
    [TestCase("\"SESSION_NOT_FO", 15)]
    public void A_string_that_is_no_error_code_is_not_a_result(string body, int length)
    {
        using var client = Answering(HttpStatusCode.OK, body).Client();

        Assert.That(
            Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token))!.Message,
            Is.EqualTo($"Identomat result: expected a result object, but the HTTP 200 answer was not that (content type application/json, {length} bytes)."));
    }

    [TestCase("\"not a code\"")]
    [TestCase("{\"argumentError\":")]
    [TestCase("  \n")]
    public void A_media_answer_that_is_no_media_nor_an_argumentError_object_says_what_was_expected(string body)
    {
        using var client = Answering(HttpStatusCode.OK, body).Client();

        Assert.That(
            Assert.ThrowsAsync<IdentomatApiException>(() => client.GetMediaAsync(Hostile.Token, MediaKind.Face))!.Message,
            Does.StartWith("Identomat media: expected media or an argumentError object, but the HTTP 200 answer was not that"));
    }
}
