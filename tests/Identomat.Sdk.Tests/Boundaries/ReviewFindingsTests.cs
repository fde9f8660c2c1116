#pragma warning disable CA2022, CA2016, CA1849
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk;
using Microsoft.Extensions.Time.Testing;

namespace Identomat.Sdk.Tests.Boundaries;

/// <summary>
/// Defects found by an independent hostile review of issue 9's claim. Every test here asserts the correct behaviour
/// and fails on the reviewed code.
/// </summary>
public class ReviewFindingsTests
{
    // ---------------------------------------------------------------------------------------------------------------
    // Finding 1 (security): the excerpt is decoded from a byte window sized for plain text; a body dense in \uXXXX
    // escapes (6 bytes -> 1 char) makes the window end before 512 characters, so a key that straddles the window's
    // end is cut before redaction and survives in part (18 of its 19 characters).
    [Test]
    public void Excerpt_never_shows_a_key_cut_by_the_read_window()
    {
        var key = Hostile.CompanyKey;
        var window = (512 * 4) + (Hostile.Token.Length * 6 * 4); // what ServerText reads: 512*4 + longest secret*24
        var keyStart = window - (key.Length - 1);                 // the window ends one character before the key does
        var escapes = keyStart / 6;
        var body = string.Concat(Enumerable.Repeat("\\u0041", escapes)) + new string('.', keyStart - (escapes * 6)) + key + " and more";
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes(body)));
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Hostile.AssertNoSecret(ex!.ResponseBodyExcerpt);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 2 (security): a signed media body is verified when the declared Content-Length is reached, and every byte
    // after that is passed on unverified. SocketsHttpHandler accepts "Content-Length: N" together with
    // "Transfer-Encoding: chunked" (the body is read chunked, Content-Length stays in the headers), so an intermediary
    // can take a genuinely signed body and append anything in a later chunk: the caller reads it without an error.
    [Test]
    public async Task Signed_media_never_returns_bytes_beyond_the_declared_length_unverified()
    {
        var genuine = Enumerable.Range(0, 4000).Select(i => (byte)((i * 7) + 1)).ToArray();
        genuine[0] = 0xFF; // a JPEG-like first byte
        var appended = Enumerable.Repeat((byte)0x41, 1000).ToArray();
        var signature = "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Hostile.SecretKey), genuine)) + "\"";
        var first = Concat(
            Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nAuthorization: {signature}\r\nContent-Length: {genuine.Length}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"),
            Encoding.ASCII.GetBytes(genuine.Length.ToString("X", CultureInfo.InvariantCulture) + "\r\n"),
            genuine,
            "\r\n"u8.ToArray());
        var second = Concat(Encoding.ASCII.GetBytes(appended.Length.ToString("X", CultureInfo.InvariantCulture) + "\r\n"), appended, "\r\n0\r\n\r\n"u8.ToArray());
        using var server = new ScriptedHttpServer([first, second], pause: TimeSpan.FromMilliseconds(200));
        using var client = new IdentomatClient(new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey, SecretKey = Hostile.SecretKey, BaseAddress = server.BaseAddress, MaxRetries = 0 });
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        using var copy = new MemoryStream();

        Assert.That(
            async () => await media.Content.CopyToAsync(copy),
            Throws.InstanceOf<IdentomatException>(),
            "bytes beyond the declared (and signed) length must fail the read, never reach the caller unverified");
        Assert.That(copy.Length, Is.LessThanOrEqualTo(genuine.Length), "no unverified byte reached the caller");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 3 (security): a 2xx answer that is malformed JSON is wrapped with System.Text.Json's JsonException as
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

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 4 (security): error bodies are always decoded as UTF-8, whatever their charset. A UTF-16 error page that
    // echoes the company key becomes "c k _ H O S T I L E _ Z q 8 1 x v 0 p" (NULs replaced by spaces): the key is
    // in the excerpt, readable, and no redaction matched it.
    [Test]
    public void Excerpt_of_a_UTF16_error_body_does_not_show_the_key()
    {
        var body = Encoding.Unicode.GetBytes("{\"error\":\"invalid company_key " + Hostile.CompanyKey + "\"}");
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.BadRequest, body, "application/json; charset=utf-16"));
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        var visible = new string((ex!.ResponseBodyExcerpt ?? string.Empty).Where(c => c != ' ').ToArray());
        Hostile.AssertNoSecret(visible);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 5 (security, needs a key holding '\' or '"'): the SDK writes begin/'s body with the relaxed encoder, so
    // such a key goes out as ck\\… or ck\"…; a server that echoes the request body in its 400 answer returns exactly
    // that, and the excerpt's unescaping resolves only \uXXXX and \/, so the JSON-escaped key is not redacted.
    [TestCase("ck\\HOSTILE\\Zq81xv0p")]
    [TestCase("ck\"HOSTILE\"Zq81xv0p")]
    public void Excerpt_redacts_a_key_in_the_JSON_form_the_SDK_itself_sent(string key)
    {
        var handler = new StubHandler(request =>
            StubHandler.Answer(HttpStatusCode.BadRequest, request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult()));
        using var client = handler.Client(o => o.CompanyKey = key);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Hostile.Flow));

        Assert.That(ex!.ResponseBodyExcerpt, Does.Not.Contain("HOSTILE").And.Not.Contain("Zq81xv0p"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 6 (wrong result): AnswerClassifier.ErrorCodeOf reads a short bare JSON string with Utf8JsonReader.GetString
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

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 7 (wrong result): VerificationResult.FromJson documents "values of the wrong kind ... read as null", but a
    // string property that receives a number or an object (configId: 12345, name: {...}, person.first_name: 5) fails
    // the whole result, from FromJson and from GetResultAsync alike: one cosmetic field makes an approved KYC result
    // unreadable.
    [TestCase("{\"result\":\"approved\",\"configId\":12345}")]
    [TestCase("{\"result\":\"approved\",\"name\":{\"first\":\"Nino\"}}")]
    [TestCase("{\"result\":\"approved\",\"person\":{\"first_name\":5}}")]
    public async Task A_string_field_of_the_wrong_kind_reads_as_null_not_as_an_unreadable_result(string json)
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(json)));
        using var client = handler.Client();

        var fromClient = await client.GetResultAsync(Hostile.Token);
        var fromJson = VerificationResult.FromJson(json);

        Assert.That(fromClient.Status?.Value, Is.EqualTo("approved"));
        Assert.That(fromJson.Status?.Value, Is.EqualTo("approved"));
        Assert.That((fromClient.ConfigId, fromClient.Name, fromClient.Person?.FirstName), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 8 (wrong result): IdentomatClient.Dispose documents "Later calls throw ObjectDisposedException, and so do
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

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 9 (wrong result): MaxRetryAfter is documented "zero or more". With a large one (here TimeSpan.MaxValue), a
    // 503 whose Retry-After is 5,000,000 s (58 days) makes the retry delay exceed what a timer accepts: the call fails
    // with "failed unexpectedly (ArgumentOutOfRangeException)" and StatusCode null, losing the 503.
    [Test]
    public void A_Retry_After_longer_than_a_timer_allows_keeps_the_status()
    {
        var handler = new StubHandler(_ =>
        {
            var answer = StubHandler.Answer(HttpStatusCode.ServiceUnavailable, "{}"u8.ToArray());
            answer.Headers.TryAddWithoutValidation("Retry-After", "5000000");
            return answer;
        });
        // MaxRetryAfter is bounded (a day) by validation; a wait longer than it, or than TotalTimeout, is not waited for.
        Assert.That(new IdentomatClientOptions { CompanyKey = "ck", MaxRetryAfter = TimeSpan.MaxValue }.Validate(), Has.One.StartsWith("MaxRetryAfter must be from zero to 1 day"));
        using var client = handler.Client(o => { o.MaxRetries = 2; o.MaxRetryAfter = TimeSpan.FromDays(1); });

        var ex = Assert.ThrowsAsync(Is.InstanceOf<IdentomatApiException>(), () => client.GetResultAsync(Hostile.Token)) as IdentomatApiException;

        Assert.That((int?)ex!.StatusCode, Is.EqualTo(503));
        Assert.That(ex.InnerException, Is.Not.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(handler.Requests, Is.EqualTo(1), "a wait longer than TotalTimeout is not waited for");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 10 (crash): WaitForResultAsync checks its options ("Timeout more than zero", FirstDelay <= MaxDelay) but
    // Timeout = TimeSpan.MaxValue throws ArgumentOutOfRangeException from DateTimeOffset arithmetic before the first
    // read, and a delay over ~49.7 days throws it from Task.Delay: undocumented exceptions for values it accepted.
    [Test]
    public async Task WaitForResult_with_no_practical_deadline_returns_the_final_result()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "{\"result\":\"approved\"}"u8.ToArray()));
        using var client = handler.Client();

        var result = await client.WaitForResultAsync(Hostile.Token, new ResultPollingOptions { Timeout = TimeSpan.MaxValue });

        Assert.That(result.LastResult?.Status?.Value, Is.EqualTo("approved"));
    }

    [Test]
    public void WaitForResult_with_delays_longer_than_a_timer_allows_is_refused_or_waits()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "{\"result\":\"pending\"}"u8.ToArray()));
        using var client = handler.Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var options = new ResultPollingOptions { FirstDelay = TimeSpan.FromDays(60), MaxDelay = TimeSpan.FromDays(60), Timeout = TimeSpan.FromDays(365) };

        Assert.That(
            async () => await client.WaitForResultAsync(Hostile.Token, options, cts.Token),
            Throws.TypeOf<ArgumentException>().Or.InstanceOf<OperationCanceledException>());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 11 (cosmetic, Stream contract): after IdentomatMedia.Dispose(), reading Content still returns bytes (up to
    // 64, from the sniffed prefix) instead of throwing ObjectDisposedException.
    [Test]
    public async Task Reading_media_after_dispose_throws_ObjectDisposedException()
    {
        var body = new byte[5000];
        body[0] = 0xFF;
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, body, "image/jpeg"));
        using var client = handler.Client();
        var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);

        media.Dispose();

        Assert.That(async () => await media.Content.ReadAsync(new byte[10].AsMemory()), Throws.InstanceOf<ObjectDisposedException>());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finding 12 (cosmetic / log forging): the results' ToString() prints server text raw: the status, reject reason
    // value, a screening match's review status, questionnaire and question keys. CR/LF and U+202E from the server
    // reach every log line an integrator writes with "{result}" (FlowWarnings already sanitizes its type names).
    [Test]
    public void Result_ToString_prints_no_line_breaks_or_bidi_from_the_server()
    {
        var result = VerificationResult.FromJson(
            "{\"result\":\"approved\\r\\n2026-01-01 INFO forged line\\u202E\",\"reject_reason\":{\"value\":\"x\\ny\"},\"screeningMatches\":[{\"reviewStatus\":\"a\\nb\"}]}");

        foreach (var text in new[] { result.ToString(), result.RejectReason!.ToString(), result.ScreeningMatches![0].ToString() })
        {
            Assert.That(text.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format), Is.False, text);
        }
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>A loopback HTTP/1.1 server that answers each request with scripted bytes, pausing between the parts.</summary>
    private sealed class ScriptedHttpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public ScriptedHttpServer(byte[][] parts, TimeSpan pause)
        {
            _listener.Start();
            _ = Task.Run(() => Serve(parts, pause));
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/external-api/");

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task Serve(byte[][] parts, TimeSpan pause)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                    connection.NoDelay = true;
                    var stream = connection.GetStream();
                    var buffer = new byte[64 * 1024];
                    var received = new StringBuilder();
                    while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            break;
                        }

                        received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    foreach (var part in parts)
                    {
                        await stream.WriteAsync(part, _stop.Token);
                        await stream.FlushAsync(_stop.Token);
                        await Task.Delay(pause, _stop.Token);
                    }
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
