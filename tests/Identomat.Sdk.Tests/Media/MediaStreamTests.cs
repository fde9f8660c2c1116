#pragma warning disable CA2022, CA1068 // Reads here check each call's answer; the helper takes named optional arguments.
#pragma warning disable CA2022, CA2016, CA1849
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.Time.Testing;
using static Identomat.Sdk.Tests.Signatures;

namespace Identomat.Sdk.Tests.Media;

/// <summary>A media body as the caller reads it: verified, bounded in length and in time, failures sticky and typed, cancellation its own.</summary>
public class MediaStreamTests
{
    [Test]
    public void A_forged_media_body_is_wrong_and_an_unsigned_one_missing()
    {
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)(i * 13)).ToArray();

        using var forged = Media(bytes, Sign("not the key", bytes));
        using var unsigned = Media(bytes, signature: null);

        var wrong = Assert.ThrowsAsync<IdentomatSignatureException>(() => forged.CopyToAsync(Stream.Null));
        var missing = Assert.ThrowsAsync<IdentomatSignatureException>(() => unsigned.CopyToAsync(Stream.Null));

        Assert.That(wrong!.Message, Is.EqualTo("Identomat media-test: the media's signature is wrong; discard what was read."));
        Assert.That(missing!.Message, Is.EqualTo("Identomat media-test: the media's signature is missing; discard what was read."));
        Assert.That(wrong.Operation, Is.EqualTo("media-test"));
    }

    [Test]
    public void A_failed_check_fails_every_later_synchronous_read()
    {
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        using var stream = Media(bytes, Sign("not the key", bytes));
        var buffer = new byte[bytes.Length];

        var first = Assert.Throws<IdentomatSignatureException>(() => stream.ReadExactly(buffer));
        var again = Assert.Throws<IdentomatSignatureException>(() => stream.ReadExactly(buffer, 0, 1), "never a clean end of stream");

        Assert.That(again, Is.SameAs(first));
    }

    [Test]
    public void A_genuine_body_read_synchronously_passes()
    {
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        using var stream = Media(bytes, Sign(Hostile.SecretKey, bytes));
        using var copy = new MemoryStream();

        stream.CopyTo(copy);

        Assert.That(copy.ToArray(), Is.EqualTo(bytes));
    }

    [Test]
    public void An_error_of_the_body_stream_is_passed_on_not_reported_as_a_timeout()
    {
        using var stream = MediaStream.Open(new FailingStream(), hashes: null, signature: null, declaredLength: null, maxBytes: long.MaxValue, "media-test", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.That(() => stream.Read(new byte[16], 0, 16), Throws.TypeOf<IdentomatApiException>().With.InnerException.TypeOf<IOException>().With.InnerException.Message.EqualTo(FailingStream.Reason));
    }

    [Test]
    public async Task Canceling_the_call_token_ends_a_pending_read_as_a_cancellation_of_that_token()
    {
        using var cts = new CancellationTokenSource();
        using var stream = MediaStream.Open(new StallingStream([]), hashes: null, signature: null, declaredLength: null, maxBytes: long.MaxValue, "media-test", TimeSpan.FromSeconds(30), cts.Token);
        var read = stream.ReadAsync(new byte[8].AsMemory()).AsTask();

        await cts.CancelAsync();

        var ex = Assert.CatchAsync<OperationCanceledException>(() => read);
        Assert.That(ex!.CancellationToken, Is.EqualTo(cts.Token), "the caller can tell its own cancellation from a timeout");
    }

    [Test]
    public void A_read_after_the_call_token_is_canceled_is_a_cancellation_never_an_end_of_stream()
    {
        using var cts = new CancellationTokenSource();
        using var stream = MediaStream.Open(new QuietWhenDisposedStream(), hashes: null, signature: null, declaredLength: 100, maxBytes: long.MaxValue, "media-test", TimeSpan.FromSeconds(30), cts.Token);
        Assert.That(stream.Read(new byte[10], 0, 10), Is.EqualTo(10));

        cts.Cancel();

        var ex = Assert.Throws<OperationCanceledException>(() => stream.ReadExactly(new byte[10]), "even over a body stream that reports an end once disposed");
        Assert.That(ex!.CancellationToken, Is.EqualTo(cts.Token));
    }

    [Test]
    public async Task A_media_read_never_resumes_on_the_callers_synchronization_context()
    {
        using var stream = MediaStream.Open(new SlowStream(), hashes: null, signature: null, declaredLength: null, maxBytes: long.MaxValue, "media-test", TimeSpan.FromSeconds(30), CancellationToken.None);

        var (read, posts) = RecordingContext.Run(() => stream.ReadAsync(new byte[8].AsMemory()).AsTask());

        Assert.That(await read, Is.EqualTo(8));
        Assert.That(Volatile.Read(ref posts.Value), Is.Zero, "a caller blocking on the read under a single-threaded context must not deadlock");
    }

    [Test]
    public void Disposing_the_media_stream_releases_the_body_and_the_keyed_hash()
    {
        var inner = new MemoryStream(new byte[10]);
        var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(Hostile.SecretKey));
        var stream = MediaStream.Open(inner, [hash], "signature=\"x\"", 10, long.MaxValue, "media-test", TimeSpan.FromSeconds(30), CancellationToken.None);

        stream.Dispose();

        Assert.That(inner.CanRead, Is.False, "the response stream (and its connection) is released");
        Assert.That(IsDisposed(hash), Is.True, "the HMAC holding the key is released");
    }

    [Test]
    public void The_media_stream_is_read_only_and_forward_only()
    {
        using var stream = Media([1, 2, 3], signature: null);

        Assert.That((stream.CanRead, stream.CanSeek, stream.CanWrite), Is.EqualTo((true, false, false)));
        Assert.That(() => stream.Length, Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Position, Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Seek(0, SeekOrigin.Begin), Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Write([1], 0, 1), Throws.TypeOf<NotSupportedException>());
    }

    private static MediaStream Media(byte[] body, string? signature) =>
        MediaStream.Open(new MemoryStream(body), [new RequestSigner(Hostile.SecretKey).Incremental()], signature, body.Length, long.MaxValue, "media-test", TimeSpan.FromSeconds(30), CancellationToken.None);

    // An HMAC holds the key: whether one was released is seen by using it.
    private static bool IsDisposed(IncrementalHash hash)
    {
        try
        {
            hash.AppendData([0]);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>A body stream whose reads fail, as a reset connection does.</summary>
    private sealed class FailingStream : Identomat.Sdk.Internal.ReadOnlyStream
    {
        public const string Reason = "connection reset by peer";

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException(Reason);

    }

    /// <summary>
    /// A body stream that reports the end of the stream (0) once disposed instead of throwing, as some streams do:
    /// endless zeros until then.
    /// </summary>
    private sealed class QuietWhenDisposedStream : Identomat.Sdk.Internal.ReadOnlyStream
    {
        private bool _disposed;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_disposed)
            {
                return 0;
            }

            buffer.AsSpan(offset, count).Clear();
            return count;
        }

        protected override void Dispose(bool disposing)
        {
            _disposed = true;
            base.Dispose(disposing);
        }
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

    // A signed media body is verified when the declared Content-Length is reached, and every byte
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

    // After IdentomatMedia.Dispose(), reading Content still returns bytes (up to
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

    private static byte[] Body(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_forged_signed_image_hands_out_no_byte(bool declared)
    {
        var body = Body(1024 * 1024);
        using var client = StubHandler.SignedMedia(body, "not the key", declared).Client(o => o.SecretKey = Hostile.SecretKey);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        var buffer = new byte[4096];

        Assert.ThrowsAsync<IdentomatSignatureException>(async () => await media.Content.ReadAsync(buffer));
        Assert.That(buffer, Is.All.EqualTo(0), "not one byte of the forged body reached the caller");
        Assert.Throws<IdentomatSignatureException>(() => media.Content.ReadExactly(buffer));
    }

    [Test]
    public async Task A_genuine_signed_image_is_read_whole_and_verified_before_its_first_byte()
    {
        var body = Body(3 * 1024 * 1024);
        using var client = StubHandler.SignedMedia(body, Hostile.SecretKey).Client(o => o.SecretKey = Hostile.SecretKey);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        using var copy = new MemoryStream();

        await media.Content.CopyToAsync(copy);

        Assert.That(copy.ToArray(), Is.EqualTo(body));
    }

    [Test]
    public async Task A_signed_body_longer_than_the_read_ahead_streams_and_is_verified_at_its_end()
    {
        var body = Body((16 * 1024 * 1024) + 1000);
        using var forged = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.OK, body, "video/mp4");
            response.Headers.TryAddWithoutValidation("Authorization", Sign("not the key", body));
            return response;
        }).Client(o => o.SecretKey = Hostile.SecretKey);
        using var media = await forged.GetMediaAsync(Hostile.Token, MediaKind.FaceVideo);
        var first = new byte[1000];

        Assert.That(await media.Content.ReadAsync(first), Is.EqualTo(1000), "the first 16 MiB, read ahead, are handed out before the end");
        Assert.ThrowsAsync<IdentomatSignatureException>(() => media.Content.CopyToAsync(Stream.Null));
    }

    // The synchronous path reads ahead and verifies like the asynchronous one.
    [TestCase(true)]
    [TestCase(false)]
    public async Task A_forged_signed_image_read_synchronously_hands_out_no_byte(bool declared)
    {
        var body = Body(1024 * 1024);
        using var client = StubHandler.SignedMedia(body, "not the key", declared).Client(o => o.SecretKey = Hostile.SecretKey);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        var buffer = new byte[4096];

        Assert.Throws<IdentomatSignatureException>(() => _ = media.Content.Read(buffer, 0, buffer.Length));
        Assert.That(buffer, Is.All.EqualTo(0), "not one byte of the forged body reached the caller");
    }

    [Test]
    public async Task A_genuine_signed_body_longer_than_the_read_ahead_is_read_whole_synchronously()
    {
        var body = Body((16 * 1024 * 1024) + 1000);
        using var client = StubHandler.SignedMedia(body, Hostile.SecretKey).Client(o => o.SecretKey = Hostile.SecretKey);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.FaceVideo);
        using var copy = new MemoryStream();

        media.Content.CopyTo(copy, 65536);

        Assert.That(copy.Length, Is.EqualTo(body.Length));
        Assert.That(copy.ToArray(), Is.EqualTo(body));
    }

    [Test]
    public async Task Bytes_read_ahead_are_not_handed_out_after_dispose_on_either_path()
    {
        var body = Body(64 * 1024);
        using var client = StubHandler.SignedMedia(body, Hostile.SecretKey).Client(o => o.SecretKey = Hostile.SecretKey);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        var buffer = new byte[16];
        Assert.That(media.Content.Read(buffer, 0, buffer.Length), Is.EqualTo(16), "the body is read ahead and verified");

        media.Content.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _ = media.Content.Read(buffer, 0, buffer.Length));
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await media.Content.ReadAsync(buffer));
    }

    [Test]
    public async Task A_media_stream_failure_names_the_account()
    {
        var body = Body(4096);
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.OK, body, "image/jpeg");
            response.Headers.TryAddWithoutValidation("Authorization", Sign("not the key", body));
            return response;
        });
        using var client = handler.Client(o =>
        {
            o.SecretKey = Hostile.SecretKey;
            o.AccountName = "eu";
        });
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);

        var ex = Assert.ThrowsAsync<IdentomatSignatureException>(() => media.Content.CopyToAsync(Stream.Null));

        Assert.That(ex!.Account, Is.EqualTo("eu"));
    }

    [Test]
    public async Task A_genuine_signed_body_without_a_declared_length_is_read_whole_synchronously()
    {
        var body = Body(1024 * 1024);
        using var client = StubHandler.SignedMedia(body, Hostile.SecretKey, declared: false).Client(o => o.SecretKey = Hostile.SecretKey);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        using var copy = new MemoryStream();

        media.Content.CopyTo(copy, 65536);

        Assert.That(media.Length, Is.Null, "no length was declared");
        Assert.That(copy.ToArray(), Is.EqualTo(body));
    }
}
