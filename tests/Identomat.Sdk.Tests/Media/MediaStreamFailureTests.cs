#pragma warning disable CA2022 // The tests read on purpose with a buffer larger than what is left.
using System.Security.Cryptography;
using Identomat.Sdk.Http;
using Identomat.Sdk.Media;
using Identomat.Sdk.Tests.Boundaries;

namespace Identomat.Sdk.Tests.Media;

/// <summary>
/// A media stream's failures, one by one: each is the SDK's exception with a message that says what happened, closes
/// the connection (never drains it), and is not hidden by a connection that fails to close.
/// </summary>
public class MediaStreamFailureTests
{
    private static MediaStream Over(Stream inner, TimeSpan? timeout = null, CancellationToken caller = default) =>
        MediaStream.Open(inner, hashes: null, signature: null, declaredLength: null, maxBytes: long.MaxValue, "media", timeout ?? TimeSpan.FromSeconds(30), caller);

    /// <summary>A body whose reads fail, and which records that it was closed.</summary>
    private sealed class BrokenBody(bool failToClose = false) : Identomat.Sdk.Internal.ReadOnlyStream
    {
        public bool Closed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("reset by peer");

        protected override void Dispose(bool disposing)
        {
            Closed = true;
            base.Dispose(disposing);
            if (failToClose)
            {
                throw new IOException("the socket is already gone");
            }
        }
    }

    [Test]
    public void A_broken_body_is_reported_in_the_SDKs_words_and_its_connection_closed()
    {
        var body = new BrokenBody();
        using var stream = Over(body);

        var ex = Assert.Throws<IdentomatApiException>(() => stream.ReadByte());

        Assert.That(ex!.Message, Is.EqualTo("Identomat media: the media stream failed after 0 bytes (IOException): the connection broke or the body was malformed; discard what was read."));
        Assert.That(ex.IsTransient, Is.True);
        Assert.That(body.Closed, Is.True, "closed at once, not left to be drained");
    }

    [Test]
    public void A_connection_that_fails_to_close_does_not_hide_the_failure()
    {
        using var stream = Over(new BrokenBody(failToClose: true));

        Assert.That(() => stream.ReadByte(), Throws.TypeOf<IdentomatApiException>().With.Message.Contain("the media stream failed"));
        Assert.That(() => stream.ReadByte(), Throws.TypeOf<IdentomatApiException>(), "and again");
    }

    [Test]
    public async Task A_timeout_says_how_long_nothing_arrived()
    {
        using var stream = Over(new StallingStream([]), TimeSpan.FromMilliseconds(50));

        var ex = Assert.ThrowsAsync<IdentomatTimeoutException>(async () => await stream.ReadAsync(new byte[8]));

        Assert.That(ex!.Message, Is.EqualTo("Identomat media: no media bytes arrived for 50 ms (MediaReadTimeout); the stream was abandoned."));
        await Task.CompletedTask;
    }

    [Test]
    public async Task When_both_the_read_and_the_call_are_canceled_the_read_keeps_its_own_cancellation()
    {
        using var caller = new CancellationTokenSource();
        using var read = new CancellationTokenSource();
        using var stream = Over(new StallingStream([]), caller: caller.Token);
        var pending = stream.ReadAsync(new byte[8], read.Token).AsTask();

        caller.Cancel();
        read.Cancel();

        var ex = Assert.CatchAsync<OperationCanceledException>(() => pending);
        Assert.That(ex!.CancellationToken, Is.Not.EqualTo(caller.Token), "the call's own token is reported only when the read's was not canceled");
        await Task.CompletedTask;
    }

    [Test]
    public void A_signed_body_that_does_not_verify_closes_its_connection()
    {
        var body = new TrackingBody(new byte[16]);
        var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, "k"u8.ToArray());
        using var stream = MediaStream.Open(body, [hash], "signature=\"AAAA\"", 16, long.MaxValue, "media", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.That(() => stream.Read(new byte[32], 0, 32), Throws.TypeOf<IdentomatSignatureException>());
        Assert.That(body.Closed, Is.True);
    }

    private sealed class TrackingBody(byte[] content) : Identomat.Sdk.Internal.ReadOnlyStream
    {
        private readonly MemoryStream _content = new(content);

        public bool Closed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => _content.Read(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            Closed = true;
            base.Dispose(disposing);
        }
    }
}
