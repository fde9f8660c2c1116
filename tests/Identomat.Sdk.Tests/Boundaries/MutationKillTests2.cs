#pragma warning disable CA2022, CA1068 // Reads here check each call's answer; the helper takes named optional arguments.
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;

namespace Identomat.Sdk.Tests.Boundaries;

/// <summary>Tests for the mutants that survived the second mutation run (eng/mutation.sh) on verification code.</summary>
public class MutationKillTests2
{
    private static readonly SessionRequest Flow = new SessionBuilder().AddLiveness().Build();

    private static string Sign(string key, byte[] body) =>
        "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body)) + "\"";

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

    [TestCase("réq-1")]
    [TestCase("req 1")]
    public void A_request_id_with_other_than_plain_ASCII_is_dropped(string id)
    {
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.InternalServerError, "{}"u8.ToArray());
            response.Headers.TryAddWithoutValidation("X-Request-Id", id);
            return response;
        });
        using var client = handler.Client();

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync("tok"))!.RequestId, Is.Null);
    }

    private static MediaStream Media(Stream inner, long? declared = null, CancellationToken caller = default, TimeSpan? timeout = null, IncrementalHash[]? hashes = null, string? signature = null) =>
        MediaStream.Open(inner, hashes, signature, declared, long.MaxValue, "media", timeout ?? TimeSpan.FromSeconds(30), caller);

    [Test]
    public void Reads_after_dispose_throw_on_both_paths()
    {
        var media = Media(new MemoryStream(new byte[10]));
        media.Dispose();

        Assert.Throws<ObjectDisposedException>(() => media.Read(new byte[4], 0, 4));
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await media.ReadAsync(new byte[4].AsMemory()));
    }

    [Test]
    public void A_synchronous_zero_byte_read_of_a_signed_stream_is_not_its_end()
    {
        var body = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        using var media = Media(new MemoryStream(body), body.Length, hashes: [new RequestSigner("sk").Incremental()], signature: Sign("sk", body));

        Assert.That(media.Read(new byte[4], 0, 0), Is.Zero);
        var copy = new MemoryStream();
        media.CopyTo(copy);

        Assert.That(copy.ToArray(), Is.EqualTo(body));
    }

    [Test]
    public void An_inner_stream_that_ends_quietly_on_timeout_is_a_timeout_on_both_paths()
    {
        using (var media = Media(new QuietAfterDisposeStream(), timeout: TimeSpan.FromMilliseconds(50)))
        {
            Assert.Throws<IdentomatTimeoutException>(() => media.Read(new byte[4], 0, 4));
        }

        using (var media = Media(new QuietAfterDisposeStream(), timeout: TimeSpan.FromMilliseconds(50)))
        {
            Assert.ThrowsAsync<IdentomatTimeoutException>(async () => await media.ReadAsync(new byte[4].AsMemory()));
        }
    }

    [Test]
    public void An_inner_stream_that_ends_quietly_on_the_callers_cancellation_is_a_cancellation()
    {
        using var caller = new CancellationTokenSource();
        using var media = Media(new QuietAfterDisposeStream(), caller: caller.Token);
        caller.CancelAfter(50);

        var ex = Assert.CatchAsync<OperationCanceledException>(async () => await media.ReadAsync(new byte[4].AsMemory()));

        Assert.That(ex!.CancellationToken, Is.EqualTo(caller.Token));
    }

    [Test]
    public void An_unsigned_body_longer_than_declared_is_an_api_error()
    {
        using var media = Media(new MemoryStream(new byte[20]), declared: 10);

        var ex = Assert.Throws<IdentomatApiException>(() => media.CopyTo(Stream.Null));

        Assert.That(ex!.Message, Is.EqualTo("Identomat media: the media is longer than the 10 bytes declared; discard what was read."));
        Assert.That(ex, Is.Not.InstanceOf<IdentomatSignatureException>());
    }

    [Test]
    public void A_signed_body_verifies_when_the_current_and_previous_keys_both_match()
    {
        var body = new byte[32];
        var signer = new RequestSigner("sk", "sk");
        using var media = Media(new MemoryStream(body), body.Length, hashes: signer.IncrementalVerifiers(), signature: Sign("sk", body));

        Assert.That(() => media.CopyTo(Stream.Null), Throws.Nothing);
    }

    [Test]
    public void Parser_exceptions_keep_their_position_and_lose_their_text()
    {
        var original = new JsonException("Path: $.secret['tok'] is bad", "$.secret['tok']", 4, 17);

        var clean = (JsonException)JsonInput.WithoutServerText(original)!;

        Assert.That(clean.Message, Is.EqualTo("The JSON is malformed or not of the expected shape at line 5, byte 18."));
        Assert.That((clean.LineNumber, clean.BytePositionInLine, clean.Path), Is.EqualTo(((long?)4, (long?)17, (string?)null)));
        var unknown = (JsonException)JsonInput.WithoutServerText(new JsonException("x"))!;
        Assert.That(unknown.Message, Does.Contain("at line 1, byte 1"));
        Assert.That(JsonInput.WithoutServerText(new InvalidOperationException("tok"))!.Message, Is.EqualTo("The answer could not be read (InvalidOperationException)."));
        Assert.That(JsonInput.WithoutServerText(null), Is.Null);
    }

    [Test]
    public void Reads_after_dispose_throw_even_when_the_inner_stream_would_still_answer()
    {
        var media = Media(new AlwaysBytesStream());
        media.Dispose();

        Assert.Throws<ObjectDisposedException>(() => media.Read(new byte[4], 0, 4));
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await media.ReadAsync(new byte[4].AsMemory()));
    }

    [Test]
    public void A_synchronous_read_with_the_callers_token_already_canceled_is_a_cancellation()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        using var media = Media(new AlwaysBytesStream(), caller: caller.Token);

        Assert.Throws<OperationCanceledException>(() => media.Read(new byte[4], 0, 4));
    }

    [Test]
    public void A_synchronous_read_that_ends_quietly_on_the_callers_cancellation_is_a_cancellation()
    {
        using var caller = new CancellationTokenSource();
        using var media = Media(new QuietAfterDisposeStream(), caller: caller.Token);
        caller.CancelAfter(50);

        Assert.Throws<OperationCanceledException>(() => media.Read(new byte[4], 0, 4));
    }

    [Test]
    public void An_async_read_that_ends_quietly_on_its_own_token_is_that_cancellation_not_a_timeout()
    {
        using var own = new CancellationTokenSource();
        using var media = Media(new QuietAfterDisposeStream());
        own.CancelAfter(50);

        var ex = Assert.CatchAsync<OperationCanceledException>(async () => await media.ReadAsync(new byte[4].AsMemory(), own.Token));

        Assert.That(ex!.CancellationToken, Is.EqualTo(own.Token));
    }

    [Test]
    public void A_signed_body_longer_than_declared_is_a_signature_error()
    {
        var body = new byte[20];
        using var media = Media(new MemoryStream(body), declared: 10, hashes: [new RequestSigner("sk").Incremental()], signature: Sign("sk", body.AsSpan(0, 10).ToArray()));

        Assert.Throws<IdentomatSignatureException>(() => media.CopyTo(Stream.Null));
    }

    /// <summary>Answers every read with bytes, disposed or not.</summary>
    private sealed class AlwaysBytesStream : ReadOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count) => count;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(buffer.Length);
    }

    /// <summary>Gives bytes until disposed (by the SDK's timeout or cancellation), then ends quietly instead of throwing.</summary>
    private sealed class QuietAfterDisposeStream : ReadOnlyStream
    {
        private volatile bool _quiet;

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (!_quiet)
            {
                Thread.Sleep(5);
            }

            return 0;
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            await ReadAsync(buffer.AsMemory(offset, count), cancellationToken);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            _quiet = true;
            base.Dispose(disposing);
        }
    }
}
