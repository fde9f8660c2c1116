using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;
using Identomat.Sdk.Tests.Boundaries;
using Identomat.Sdk;

namespace Identomat.Sdk.Tests.Http;

/// <summary>Request signatures: the header form, the MAC of exactly the body, key rotation, concurrency, no key printed.</summary>
public class RequestSignerTests
{
    [Test]
    public void A_signature_header_whose_closing_quote_is_replaced_is_refused()
    {
        var signer = new RequestSigner(Hostile.SecretKey);
        var body = "{\"sessionToken\":\"t\"}"u8.ToArray();
        var mac = signer.Compute(body);
        var header = signer.HeaderValue(body);

        Assert.That(RequestSigner.Matches(header, mac), Is.True);
        Assert.That(RequestSigner.Matches(header.Substring(0, header.Length - 1) + "x", mac), Is.False, "the MAC must be closed by a quote, not by any character");
        Assert.That(RequestSigner.Matches(header.Substring(0, header.Length - 1), mac), Is.False);
    }

    [TestCase("signature=\"")]
    [TestCase("  signature=\"  ")]
    public void The_bare_prefix_is_refused_without_throwing(string header)
    {
        var mac = new RequestSigner(Hostile.SecretKey).Compute([1, 2, 3]);

        Assert.That(RequestSigner.Matches(header, mac), Is.False);
    }

    [Test]
    public void Signing_the_same_body_twice_gives_the_same_mac()
    {
        var signer = new RequestSigner(Hostile.SecretKey);
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Hostile.SecretKey), body);

        var first = signer.Compute(body);
        var second = signer.Compute(body);

        Assert.That(first, Is.EqualTo(expected));
        Assert.That(second, Is.EqualTo(expected), "the second MAC is not chained to the first body");
    }

    [Test]
    public void A_signature_under_the_previous_key_verifies_only_during_a_rotation()
    {
        var body = "{\"a\":1}"u8.ToArray();
        var header = new RequestSigner("sk_old").HeaderValue(body);

        Assert.That(new RequestSigner(Hostile.SecretKey, "sk_old").Verifies(header, body), Is.True);
        Assert.That(new RequestSigner(Hostile.SecretKey).Verifies(header, body), Is.False);
        Assert.That(new RequestSigner(Hostile.SecretKey, "sk_old").Verifies(header, [.. body, 32]), Is.False, "the previous key's MAC is of this body too");
    }

    [Test]
    public void Signing_nothing_is_an_argument_error_and_later_signatures_still_work()
    {
        var signer = new RequestSigner(Hostile.SecretKey);
        signer.Compute([1]);

        Assert.Throws<ArgumentNullException>(() => signer.Compute(null!));

        Assert.That(signer.Compute([42]), Is.EqualTo(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Hostile.SecretKey), new byte[] { 42 })));
    }

    [Test]
    public void Incremental_verifiers_hold_the_current_key_first_then_the_previous()
    {
        byte[] body = [1, 2, 3];
        var verifiers = new RequestSigner(Hostile.SecretKey, "sk_old").IncrementalVerifiers();
        foreach (var verifier in verifiers)
        {
            verifier.AppendData(body);
        }

        Assert.That(verifiers.Select(v => v.GetHashAndReset()), Is.EqualTo(new[]
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(Hostile.SecretKey), body),
            HMACSHA256.HashData("sk_old"u8.ToArray(), body),
        }));
        Assert.That(new RequestSigner(Hostile.SecretKey).IncrementalVerifiers(), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_reconfigured_client_signs_with_its_new_key_and_verifies_answers_with_it()
    {
        const string NewKey = "sk_NEW_r4t5y6u7";
        var body = "\"tok_from_server\""u8.ToArray();
        var signatures = new List<string>();
        var handler = new StubHandler(request =>
        {
            signatures.Add(request.Headers.GetValues("Authorization").Single());
            var answer = StubHandler.Answer(HttpStatusCode.OK, body);
            answer.Headers.TryAddWithoutValidation("Authorization", new RequestSigner(NewKey).HeaderValue(body));
            return answer;
        });
        using var client = handler.Client(o => o.SecretKey = Hostile.SecretKey);

        Assert.ThrowsAsync<IdentomatSignatureException>(() => client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build()));
        client.Reconfigure(new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey, SecretKey = NewKey, BaseAddress = new Uri("https://api.test/external-api/") });
        var session = await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());

        Assert.That(session.Token, Is.EqualTo("tok_from_server"));
        Assert.That(signatures, Has.Count.EqualTo(2));
        Assert.That(signatures[0], Is.Not.EqualTo(signatures[1]), "the same body, signed with the new key");
    }

    [Test]
    public void Concurrent_signatures_never_share_an_hmac()
    {
        var signer = new RequestSigner(Hostile.SecretKey);
        var key = Encoding.UTF8.GetBytes(Hostile.SecretKey);
        var wrong = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var body = Encoding.UTF8.GetBytes("{\"n\":" + i + ",\"pad\":\"" + new string('x', i % 300) + "\"}");
            if (!signer.Compute(body).AsSpan().SequenceEqual(HMACSHA256.HashData(key, body)))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.That(wrong, Is.Zero, "a MAC chained to another caller's body");
    }

    [Test]
    public void The_signer_prints_its_type_and_never_its_key()
    {
        var text = new RequestSigner(Hostile.SecretKey).ToString();

        Assert.That(text, Does.StartWith("RequestSigner"));
        Hostile.AssertNoSecret(text);
    }
}
