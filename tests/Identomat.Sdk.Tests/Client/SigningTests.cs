using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk;
using WireMock.ResponseBuilders;
using static Identomat.Sdk.Tests.Client.Stubs;

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
}
