#pragma warning disable CA2022, CA1068 // Reads here check each call's answer; the helper takes named optional arguments.
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Identomat.Sdk;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Identomat.Sdk.Tests.FirstHour;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.ResponseBuilders;
using static Identomat.Sdk.Tests.Client.Stubs;
using static Identomat.Sdk.Tests.Signatures;

namespace Identomat.Sdk.Tests.Client;

/// <summary>HMAC signing of requests and verification of responses, with SecretKey set.</summary>
public class SigningTests
{
    private static ClientHarness Signed() => new(o => o.SecretKey = ClientHarness.SecretKey);

    private static IResponseBuilder SignedJson(string body, string? signature = null) =>
        Json(body).WithHeader("Authorization", signature ?? ClientHarness.Sign(body));

    [Test]
    public async Task Request_signature_matches_an_independent_hmac_of_the_exact_bytes_sent()
    {
        using var h = Signed();
        h.Server.Answer("begin/", SignedJson("\"" + ClientHarness.Token + "\""));

        await h.Client.BeginSessionAsync(new SessionBuilder().AddLiveness().Named("Zoë \"Q\" 😀").Build());

        var request = h.Requests("begin/").Single().RequestMessage!;
        var sent = request.BodyAsBytes!;
        var expected = "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ClientHarness.SecretKey), sent)) + "\"";
        Assert.That(request.Headers!["Authorization"].Single(), Is.EqualTo(expected));
    }

    [Test]
    public async Task Correctly_signed_response_is_accepted()
    {
        using var h = Signed();
        var body = ClientHarness.Fixture("result.approved-with-proof-of-address");
        h.Server.Answer("result/", SignedJson(body));

        var result = await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Approved));
    }

    [Test]
    public void Tampered_response_is_rejected()
    {
        using var h = Signed();
        var signed = "{\"result\":\"rejected\"}";
        h.Server.Answer("result/", SignedJson("{\"result\":\"approved\"}", ClientHarness.Sign(signed)));

        var ex = Assert.ThrowsAsync<IdentomatSignatureException>(() => h.Client.GetResultAsync(ClientHarness.Token));

        Assert.That(ex!.Message, Does.Contain("signature is wrong"));
        Assert.That(h.Requests("result/"), Has.Count.EqualTo(1), "a bad signature is not retried");
    }

    [TestCase(null)]
    [TestCase("signature=\"not base64!\"")]
    [TestCase("Bearer abc")]
    [TestCase("signature=\"\"")]
    public void Missing_or_garbled_response_signature_is_rejected(string? header)
    {
        using var h = Signed();
        h.Server.Answer("begin/", header is null ? Json("\"tok\"") : Json("\"tok\"").WithHeader("Authorization", header));

        Assert.ThrowsAsync<IdentomatSignatureException>(() => h.Client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build()));
    }

    [Test]
    public void Failed_responses_carry_no_signature_and_are_not_verified()
    {
        using var h = Signed();
        h.Server.Answer("result/", Json("\"SESSION_NOT_FOUND\"", 404));

        Assert.ThrowsAsync<IdentomatSessionNotFoundException>(() => h.Client.GetResultAsync(ClientHarness.Token));
    }

    [Test]
    public async Task Streamed_media_is_verified_when_the_stream_ends()
    {
        using var h = Signed();
        var bytes = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        var good = "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ClientHarness.SecretKey), bytes)) + "\"";
        h.Server.Answer("result/face/", Response.Create().WithHeader("Content-Type", "image/jpeg").WithHeader("Authorization", good).WithBody(bytes));
        h.Server.Answer("result/passport/", Response.Create().WithHeader("Content-Type", "image/jpeg").WithHeader("Authorization", good).WithBody(bytes.Reverse().ToArray()));

        using (var media = await h.Client.GetMediaAsync(ClientHarness.Token, MediaKind.Face))
        {
            using var copy = new MemoryStream();
            await media.Content.CopyToAsync(copy);
            Assert.That(copy.ToArray(), Is.EqualTo(bytes));
        }

        using var tampered = await h.Client.GetMediaAsync(ClientHarness.Token, MediaKind.Passport);
        Assert.ThrowsAsync<IdentomatSignatureException>(() => tampered.Content.CopyToAsync(Stream.Null));
    }

    [Test]
    public void An_unsigned_response_is_reported_missing_and_a_forged_one_wrong()
    {
        var body = "\"tok_from_server\""u8.ToArray();
        var forged = "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("not the key"), body)) + "\"";
        using var unsigned = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, body)).Client(o => o.SecretKey = Hostile.SecretKey);
        using var wrong = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.OK, body);
            response.Headers.TryAddWithoutValidation("Authorization", forged);
            return response;
        }).Client(o => o.SecretKey = Hostile.SecretKey);

        var missing = Assert.ThrowsAsync<IdentomatSignatureException>(() => unsigned.BeginSessionAsync(Hostile.Flow));
        var refused = Assert.ThrowsAsync<IdentomatSignatureException>(() => wrong.BeginSessionAsync(Hostile.Flow));

        Assert.That(missing!.Message, Does.Contain("signature is missing").And.Contain("not used"));
        Assert.That(refused!.Message, Does.Contain("signature is wrong").And.Not.Contain("missing"));
        Assert.That(missing.Operation, Is.EqualTo(refused.Operation).And.Not.Empty);
    }

    private static readonly SessionRequest Flow = new SessionBuilder().AddLiveness().Build();

    private static StubHandler Answering(byte[] body, string? signature) => new(_ =>
    {
        var response = StubHandler.Answer(HttpStatusCode.OK, body);
        if (signature is not null)
        {
            response.Headers.TryAddWithoutValidation("Authorization", signature);
        }

        return response;
    });

    [Test]
    public void A_wrong_signature_on_a_read_names_both_keys_and_claims_no_session()
    {
        var body = "{}"u8.ToArray();
        using var client = Answering(body, Sign("other", body)).Client(o => o.SecretKey = "sk");

        var message = Assert.ThrowsAsync<IdentomatSignatureException>(() => client.GetResultAsync("tok"))!.Message;

        Assert.That(message, Does.Contain("signature is wrong").And.Contain("Check IdentomatClientOptions.SecretKey (and PreviousSecretKey during a rotation)."));
        Assert.That(message, Does.Not.Contain("does not sign").And.Not.Contain("may have created"));
    }

    [Test]
    public void A_wrong_signature_on_begin_says_a_session_may_exist_and_a_missing_one_on_a_read_does_not()
    {
        var token = "\"tok\""u8.ToArray();
        using var wrong = Answering(token, Sign("other", token)).Client(o => o.SecretKey = "sk");
        using var missing = Answering("{}"u8.ToArray(), signature: null).Client(o => o.SecretKey = "sk");

        Assert.That(Assert.ThrowsAsync<IdentomatSignatureException>(() => wrong.BeginSessionAsync(Flow))!.Message, Does.EndWith("The server may have acted on the request anyway: begin/ may have created a session whose token was discarded."));
        var read = Assert.ThrowsAsync<IdentomatSignatureException>(() => missing.GetResultAsync("tok"))!.Message;
        Assert.That(read, Does.EndWith("If this account does not sign its answers, leave IdentomatClientOptions.SecretKey null."));
    }

    [Test]
    public void SIGNATURE_INVALID_without_a_secret_key_says_to_set_it()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.Unauthorized, "\"SIGNATURE_INVALID\""u8.ToArray()));
        using var client = handler.Client();

        Assert.That(Assert.ThrowsAsync<IdentomatAuthenticationException>(() => client.GetResultAsync("tok"))!.Message, Does.Contain("set IdentomatClientOptions.SecretKey"));
    }
}
