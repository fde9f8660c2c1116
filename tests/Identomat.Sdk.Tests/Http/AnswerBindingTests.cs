using System.Net;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk.Tests.Boundaries;

namespace Identomat.Sdk.Tests.Http;

/// <summary>
/// A signed answer is an answer from a holder of the secret, not necessarily an answer to this request. Requests and
/// answers share the secret and the header, so the request sent back verifies: such answers, answers carrying the
/// company key, and answers of the wrong shape for the operation are refused with an <see cref="IdentomatApiException"/>.
/// </summary>
public class AnswerBindingTests
{
    private const string CompanyKey = Hostile.CompanyKey;
    private const string SecretKey = Hostile.SecretKey;

    public enum Operation
    {
        Begin,
        Result,
        Delete,
        Media,
    }

    private static Task Call(IdentomatClient client, Operation operation) => operation switch
    {
        Operation.Begin => client.BeginSessionAsync(Hostile.Flow),
        Operation.Result => client.GetResultAsync(Hostile.Token),
        Operation.Delete => client.DeleteSessionAsync(Hostile.Token),
        _ => ReadMedia(client),
    };

    private static async Task ReadMedia(IdentomatClient client)
    {
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        await media.Content.CopyToAsync(Stream.Null);
    }

    private static string Sign(byte[] body) =>
        "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SecretKey), body)) + "\"";

    private static HttpResponseMessage Signed(byte[] body, string contentType = "application/json")
    {
        var answer = StubHandler.Answer(HttpStatusCode.OK, body, contentType);
        answer.Headers.TryAddWithoutValidation("Authorization", Sign(body));
        return answer;
    }

    /// <summary>The request's own body and Authorization header sent back as the answer.</summary>
    private static StubHandler Echo() => new((request, token) => EchoAsync(request, token));

    private static async Task<HttpResponseMessage> EchoAsync(HttpRequestMessage request, CancellationToken token)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(token);
        var answer = StubHandler.Answer(HttpStatusCode.OK, body);
        if (request.Headers.TryGetValues("Authorization", out var signature))
        {
            answer.Headers.TryAddWithoutValidation("Authorization", signature);
        }

        return answer;
    }

    private static void AssertRefused(IdentomatApiException? ex, string reason)
    {
        Assert.That(ex, Is.Not.Null);
        Assert.That(ex!.GetType(), Is.EqualTo(typeof(IdentomatApiException)), "refused as an API answer, not a missing session or a signature failure");
        Assert.That(ex.Message, Does.Contain(reason).And.Contain("not used"));
        Hostile.AssertNoSecret(ex.ToString());
    }

    [TestCase(Operation.Result, true)]
    [TestCase(Operation.Result, false)]
    [TestCase(Operation.Delete, true)]
    [TestCase(Operation.Delete, false)]
    [TestCase(Operation.Media, true)]
    [TestCase(Operation.Media, false)]
    [TestCase(Operation.Begin, true)]
    [TestCase(Operation.Begin, false)]
    public void The_request_sent_back_is_not_an_answer(Operation operation, bool signing)
    {
        var handler = Echo();
        using var client = handler.Client(o => o.SecretKey = signing ? SecretKey : null);

        var ex = Assert.CatchAsync<IdentomatApiException>(() => Call(client, operation));

        Assert.That(ex, Is.Not.Null);
        Assert.That(ex!.Message, Does.Not.Contain("succeeded"));
        Hostile.AssertNoSecret(ex.ToString());
        Assert.That(handler.Requests, Is.EqualTo(1), "not retried: the answer came, it is just not one");
    }

    [TestCase(Operation.Result)]
    [TestCase(Operation.Delete)]
    [TestCase(Operation.Media)]
    public void An_answer_carrying_the_request_signature_is_refused_whatever_its_body(Operation operation)
    {
        // A body that is not the request's, with the request's header: with signing on, the request's own signature.
        var handler = new StubHandler(request =>
        {
            var answer = StubHandler.Answer(HttpStatusCode.OK, "\u00ff\u00d8\u00ff\u00e0 jpeg"u8.ToArray(), "image/jpeg");
            answer.Headers.TryAddWithoutValidation("Authorization", request.Headers.GetValues("Authorization"));
            return answer;
        });
        using var client = handler.Client(o => o.SecretKey = SecretKey);

        var ex = Assert.CatchAsync<IdentomatException>(() => Call(client, operation));

        Assert.That(ex, Is.InstanceOf<IdentomatApiException>().Or.InstanceOf<IdentomatSignatureException>());
    }

    [Test]
    public void A_streamed_media_answer_carrying_the_request_signature_is_refused_before_a_byte_is_read()
    {
        var handler = new StubHandler(request =>
        {
            var answer = StubHandler.Answer(HttpStatusCode.OK, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], "image/jpeg");
            answer.Headers.TryAddWithoutValidation("Authorization", request.Headers.GetValues("Authorization"));
            return answer;
        });
        using var client = handler.Client(o => o.SecretKey = SecretKey);

        AssertRefused(Assert.ThrowsAsync<IdentomatApiException>(() => client.GetMediaAsync(Hostile.Token, MediaKind.Face)), "the request's own signature");
    }

    // The company key in any answer: as a whole string value or a property name, at any depth, however escaped.
    private static IEnumerable<TestCaseData> AnswersCarryingTheKey()
    {
        var escaped = string.Concat(CompanyKey.Select(c => $"\\u{(int)c:x4}"));
        var halfEscaped = string.Concat(CompanyKey.Select((c, i) => i % 2 == 0 ? $"\\u{(int)c:X4}" : c.ToString()));
        yield return new TestCaseData(Operation.Result, $"{{\"result\":\"approved\",\"note\":\"{CompanyKey}\"}}").SetArgDisplayNames("result value");
        yield return new TestCaseData(Operation.Result, $"{{\"result\":\"approved\",\"{CompanyKey}\":1}}").SetArgDisplayNames("result name");
        yield return new TestCaseData(Operation.Result, $"{{\"person\":{{\"x\":[1,{{\"y\":\"{escaped}\"}}]}}}}").SetArgDisplayNames("result nested escaped");
        yield return new TestCaseData(Operation.Result, $"{{\"company_key\":\"{halfEscaped}\",\"session_token\":\"{Hostile.Token}\"}}").SetArgDisplayNames("result half escaped");
        yield return new TestCaseData(Operation.Delete, $"{{\"company_key\":\"{CompanyKey}\"}}").SetArgDisplayNames("delete");
        yield return new TestCaseData(Operation.Delete, $"[\"{escaped}\"]").SetArgDisplayNames("delete array");
        yield return new TestCaseData(Operation.Begin, $"\"{CompanyKey}\"").SetArgDisplayNames("begin token");
        yield return new TestCaseData(Operation.Media, $"{{\"argumentError\":\"{CompanyKey}\"}}").SetArgDisplayNames("media argumentError");
    }

    [TestCaseSource(nameof(AnswersCarryingTheKey))]
    public void An_answer_carrying_the_company_key_is_refused(Operation operation, string body)
    {
        foreach (var signing in new[] { false, true })
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var handler = new StubHandler(_ => Signed(bytes));
            using var client = handler.Client(o => o.SecretKey = signing ? SecretKey : null);

            AssertRefused(Assert.ThrowsAsync<IdentomatApiException>(() => Call(client, operation)), "the company key");
        }
    }

    [Test]
    public void A_company_key_inside_a_longer_string_is_no_echo()
    {
        // Test keys are short: "ck" is inside "manual_check" and "ck_other", which are not the key.
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "{\"result\":\"manual_check\",\"x\":\"ck_other\",\"ckey\":\"CK\"}"u8.ToArray()));
        using var client = handler.Client(o => o.CompanyKey = "ck");

        var result = client.GetResultAsync(Hostile.Token).GetAwaiter().GetResult();

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.ManualCheck));
    }

    [Test]
    public void A_genuine_signed_result_is_not_an_answer_to_delete()
    {
        var result = File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "result.approved-with-proof-of-address.json"));
        var handler = new StubHandler(_ => Signed(result));
        using var client = handler.Client(o => o.SecretKey = SecretKey);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.DeleteSessionAsync(Hostile.Token));

        Assert.That(ex!.Message, Does.Contain("not a result object"));
        Hostile.AssertNoSecret(ex.ToString());
        Assert.That(ex.ResponseBodyExcerpt, Is.Null, "a successful answer is never excerpted: it may hold personal data");
    }

    // Objects that carry a result's fields, however few.
    [TestCase("{\"result\":\"approved\"}")]
    [TestCase("{\"person\":{}}")]
    [TestCase("{\"similarity\":0.93,\"live\":true}")]
    [TestCase("{\"document_type\":\"\"}")]
    [TestCase("{\"status\":\"deleted\",\"reject_reason\":{\"value\":\"\"}}")]
    [TestCase("{\"generalDocuments\":[]}")]
    [TestCase("{\"general_document\":[]}")]
    [TestCase("{\"questionnaires\":[]}")]
    public void Delete_refuses_an_object_with_result_fields(string body)
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(body)));
        using var client = handler.Client();

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.DeleteSessionAsync(Hostile.Token))!.Message, Does.Contain("not a result object"));
    }

    // What an undocumented delete/ answer may be: deletion keeps working.
    [TestCase("")]
    [TestCase(" \r\n\t ")]
    [TestCase("{}")]
    [TestCase("{\"status\":\"deleted\"}")]
    [TestCase("{\"ok\":true,\"deleted\":1}")]
    [TestCase("true")]
    [TestCase("null")]
    [TestCase("[]")]
    [TestCase("\"deleted\"")]
    [TestCase("1")]
    public void Delete_accepts_an_empty_answer_or_a_JSON_confirmation(string body)
    {
        foreach (var signing in new[] { false, true })
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var handler = new StubHandler(_ => Signed(bytes));
            using var client = handler.Client(o => o.SecretKey = signing ? SecretKey : null);

            Assert.DoesNotThrowAsync(() => client.DeleteSessionAsync(Hostile.Token));
        }
    }

    [TestCase("<html>deleted</html>")]
    [TestCase("OK then")]
    [TestCase("{\"unterminated\":")]
    public void Delete_refuses_an_answer_that_is_not_JSON(string body)
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(body), "text/html"));
        using var client = handler.Client();

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.DeleteSessionAsync(Hostile.Token))!.Message, Does.Contain("an empty body or JSON"));
    }

    [TestCase(Operation.Result)]
    [TestCase(Operation.Delete)]
    [TestCase(Operation.Media)]
    [TestCase(Operation.Begin)]
    public void A_partial_answer_is_never_the_whole(Operation operation)
    {
        var handler = new StubHandler(_ =>
        {
            var answer = StubHandler.Answer(HttpStatusCode.PartialContent, operation == Operation.Media ? [0xFF, 0xD8, 0xFF] : "{}"u8.ToArray(), operation == Operation.Media ? "image/jpeg" : "application/json");
            answer.Content.Headers.TryAddWithoutValidation("Content-Range", "bytes 0-2/5000000");
            return answer;
        });
        using var client = handler.Client();

        var ex = Assert.CatchAsync<IdentomatApiException>(() => Call(client, operation));

        Assert.That(ex!.Message, Does.Contain("206"));
        Assert.That(handler.Requests, Is.EqualTo(1));
    }

    [TestCase(Operation.Result, "gzip")]
    [TestCase(Operation.Media, "gzip")]
    [TestCase(Operation.Media, "br")]
    [TestCase(Operation.Delete, "deflate")]
    public void A_compressed_answer_the_SDK_never_asked_for_is_refused(Operation operation, string encoding)
    {
        var handler = new StubHandler(_ =>
        {
            var answer = StubHandler.Answer(HttpStatusCode.OK, [0x1F, 0x8B, 8, 0, 0, 0, 0, 0], operation == Operation.Media ? "image/jpeg" : "application/json");
            answer.Content.Headers.ContentEncoding.Add(encoding);
            return answer;
        });
        using var client = handler.Client();

        Assert.That(Assert.CatchAsync<IdentomatApiException>(() => Call(client, operation))!.Message, Does.Contain("compressed"));
    }

    [Test]
    public void An_identity_content_encoding_is_no_compression()
    {
        var handler = new StubHandler(_ =>
        {
            var answer = StubHandler.Answer(HttpStatusCode.OK, "{\"result\":\"approved\"}"u8.ToArray());
            answer.Content.Headers.ContentEncoding.Add("identity");
            return answer;
        });
        using var client = handler.Client();

        Assert.That(client.GetResultAsync(Hostile.Token).GetAwaiter().GetResult().Status, Is.EqualTo(VerificationStatus.Approved));
    }

    [Test]
    public void A_genuine_signed_session_token_is_not_an_answer_to_delete()
    {
        var token = Encoding.UTF8.GetBytes("\"47fjq0a8x3kd9w2m5n7b1c4v6z8l0p2r4t6y8hisc\"");
        var handler = new StubHandler(_ => Signed(token));
        using var client = handler.Client(o => o.SecretKey = SecretKey);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.DeleteSessionAsync(Hostile.Token));

        Assert.That(ex!.Message, Does.Contain("not a session token"));
        Assert.That(ex.Message, Does.Not.Contain("47fjq0a8"), "the token is never shown");
    }

    [TestCase(Operation.Delete, "not a media answer")]
    [TestCase(Operation.Result, "not a media answer")]
    public void A_genuine_signed_media_answer_is_not_an_answer_to_another_operation(Operation operation, string reason)
    {
        var handler = new StubHandler(_ => Signed("{\"argumentError\":\"no face\"}"u8.ToArray()));
        using var client = handler.Client(o => o.SecretKey = SecretKey);

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => Call(client, operation))!.Message, Does.Contain(reason));
    }

    [TestCase(Operation.Result)]
    [TestCase(Operation.Delete)]
    [TestCase(Operation.Media)]
    [TestCase(Operation.Begin)]
    public void A_delta_of_a_body_is_refused(Operation operation)
    {
        var handler = new StubHandler(_ => StubHandler.Answer((HttpStatusCode)226, "{\"result\":\"approved\"}"u8.ToArray()));
        using var client = handler.Client();

        Assert.That(Assert.CatchAsync<IdentomatApiException>(() => Call(client, operation))!.Message, Does.Contain("HTTP 226"));
    }

    [TestCase(201)]
    [TestCase(203)]
    public void Media_comes_with_200_only(int status)
    {
        var handler = new StubHandler(_ => StubHandler.Answer((HttpStatusCode)status, new byte[64], "image/jpeg"));
        using var client = handler.Client();

        Assert.That(Assert.CatchAsync<IdentomatApiException>(() => Call(client, Operation.Media))!.Message, Does.Contain("media comes with HTTP 200, not " + status));
    }

    [Test]
    public void A_media_answer_that_looks_like_JSON_is_read_only_up_to_64_KiB()
    {
        var padded = Encoding.UTF8.GetBytes("{\"argumentError\":\"" + new string('x', 64 * 1024) + "\"}");
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, padded, "image/jpeg"));
        using var client = handler.Client(o => o.MaxRetries = 0);

        var ex = Assert.CatchAsync<IdentomatApiException>(() => Call(client, Operation.Media));

        Assert.That(ex!.InnerException, Is.TypeOf<InvalidDataException>());
        Assert.That(ex.InnerException!.Message, Does.Contain("65536"));
    }
}
