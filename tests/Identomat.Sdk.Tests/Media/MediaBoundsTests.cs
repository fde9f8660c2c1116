#pragma warning disable CA2022 // The tests read on purpose with a buffer larger than what is left.
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Identomat.Sdk.Tests.Boundaries;
using Identomat.Sdk.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Identomat.Sdk.Tests.Media;

/// <summary>
/// Media is bounded (never asked compressed, capped in bytes handed out, each read in time), typed (only raster images
/// and videos are shown as such) and fails only with the SDK's exceptions, whatever the connection does.
/// </summary>
public class MediaBoundsTests
{
    private static IdentomatClient OwnedClient(Uri baseAddress, Action<IdentomatClientOptions>? configure = null)
    {
        var options = new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey, BaseAddress = baseAddress, MaxRetries = 0 };
        configure?.Invoke(options);
        return new IdentomatClient(options);
    }

    private static IIdentomatClient RegisteredClient(Uri baseAddress, out ServiceProvider provider)
    {
        var services = new ServiceCollection();
        services.AddIdentomat(o =>
        {
            o.CompanyKey = Hostile.CompanyKey;
            o.BaseAddress = baseAddress;
            o.MaxRetries = 0;
        });
        provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IIdentomatClient>();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    [Test]
    public async Task The_SDK_clients_never_ask_for_compression()
    {
        using var server = ScriptedSocketServer.Answering("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 2\nConnection: close", "{}"u8.ToArray());
        using (var owned = OwnedClient(server.BaseAddress))
        {
            await owned.DeleteSessionAsync(Hostile.Token);
        }

        await RegisteredClient(server.BaseAddress, out var provider).DeleteSessionAsync(Hostile.Token);
        await provider.DisposeAsync();

        Assert.That(server.Requests, Has.Count.EqualTo(2));
        Assert.That(server.Requests.Select(r => r.Has("Accept-Encoding")), Is.All.False);
    }

    [Test]
    public async Task A_compression_bomb_is_refused_before_a_byte_is_handed_out()
    {
        // 64 MiB of zeros in a few kilobytes: asked or not, the SDK never inflates it.
        var bomb = Gzip(new byte[64 * 1024 * 1024]);
        using var server = ScriptedSocketServer.Answering($"HTTP/1.1 200 OK\nContent-Type: image/jpeg\nContent-Encoding: gzip\nContent-Length: {bomb.Length}\nConnection: close", bomb);
        using var client = OwnedClient(server.BaseAddress);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetMediaAsync(Hostile.Token, MediaKind.FaceVideo));

        Assert.That(ex!.Message, Does.Contain("compressed"));
        await Task.CompletedTask;
    }

    [Test]
    public void A_body_declared_larger_than_the_cap_fails_the_call()
    {
        using var server = ScriptedSocketServer.Answering("HTTP/1.1 200 OK\nContent-Type: video/mp4\nContent-Length: 5000\nConnection: close", new byte[5000]);
        using var client = OwnedClient(server.BaseAddress, o => o.MaxMediaBytes = 4096);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetMediaAsync(Hostile.Token, MediaKind.FaceVideo));

        Assert.That(ex!.Message, Does.Contain("MaxMediaBytes (4096)").And.Contain("5000"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_body_that_turns_out_larger_than_the_cap_hands_out_no_byte_past_it(bool synchronous)
    {
        // Chunked, so no length is declared: the cap is counted on what is read.
        using var server = ScriptedSocketServer.Start(async (_, stream, token) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"), token);
            for (var i = 0; i < 20; i++)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("400\r\n"), token);
                await stream.WriteAsync(new byte[0x400], token);
                await stream.WriteAsync("\r\n"u8.ToArray(), token);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), token);
        });
        using var client = OwnedClient(server.BaseAddress, o => o.MaxMediaBytes = 4096);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.FaceVideo);
        var handedOut = 0;
        var buffer = new byte[700];

        var ex = Assert.CatchAsync<IdentomatApiException>(async () =>
        {
            int read;
            while ((read = synchronous ? media.Content.Read(buffer, 0, buffer.Length) : await media.Content.ReadAsync(buffer)) > 0)
            {
                handedOut += read;
            }
        });

        Assert.That(ex!.Message, Does.Contain("MaxMediaBytes (4096)"));
        Assert.That(handedOut, Is.LessThanOrEqualTo(4096));
        Assert.That(() => media.Content.ReadAsync(buffer).AsTask(), Throws.TypeOf<IdentomatApiException>(), "every later read throws it again");
    }

    [Test]
    public async Task A_body_exactly_at_the_cap_is_read_whole()
    {
        using var server = ScriptedSocketServer.Answering("HTTP/1.1 200 OK\nContent-Type: image/png\nContent-Length: 4096\nConnection: close", new byte[4096]);
        using var client = OwnedClient(server.BaseAddress, o => o.MaxMediaBytes = 4096);
        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        using var copy = new MemoryStream();

        await media.Content.CopyToAsync(copy);

        Assert.That(copy.Length, Is.EqualTo(4096));
    }

    // How a connection can break in the middle of a body: every one is an IdentomatException, on both read paths.
    private static IEnumerable<TestCaseData> BrokenBodies()
    {
        yield return new TestCaseData("reset after part of a declared length", (Func<System.Net.Sockets.NetworkStream, CancellationToken, Task>)(async (stream, token) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 100000\r\n\r\n"), token);
            await stream.WriteAsync(new byte[3000], token);
            await stream.FlushAsync(token);
            await Task.Delay(100, token);
            stream.Socket.LingerState = new System.Net.Sockets.LingerOption(true, 0);
            stream.Socket.Close();
        })).SetArgDisplayNames("reset");
        yield return new TestCaseData("a chunk cut short", (Func<System.Net.Sockets.NetworkStream, CancellationToken, Task>)(async (stream, token) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n"), token);
            await stream.WriteAsync(new byte[100], token);
        })).SetArgDisplayNames("cut chunk");
        yield return new TestCaseData("a chunk size that is not hexadecimal", (Func<System.Net.Sockets.NetworkStream, CancellationToken, Task>)(async (stream, token) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n"), token);
            await stream.WriteAsync(new byte[0x400], token);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("\r\nZZZZ\r\n"), token);
            await stream.FlushAsync(token);
            await Task.Delay(200, token);
        })).SetArgDisplayNames("corrupt chunk");
    }

    [TestCaseSource(nameof(BrokenBodies))]
    public async Task A_connection_that_breaks_mid_body_fails_with_the_SDKs_exception(string what, Func<System.Net.Sockets.NetworkStream, CancellationToken, Task> serve)
    {
        foreach (var synchronous in new[] { false, true })
        {
            using var server = ScriptedSocketServer.Start((_, stream, token) => serve(stream, token));
            using var client = OwnedClient(server.BaseAddress);
            using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
            var buffer = new byte[4096];

            var ex = Assert.CatchAsync<Exception>(async () =>
            {
                while ((synchronous ? media.Content.Read(buffer, 0, buffer.Length) : await media.Content.ReadAsync(buffer)) > 0)
                {
                }
            });

            Assert.That(ex, Is.InstanceOf<IdentomatException>(), $"{what} ({(synchronous ? "sync" : "async")}): {ex}");
            Assert.That(() => media.Content.ReadAsync(buffer).AsTask(), Throws.InstanceOf<IdentomatException>(), "a failure never becomes a clean end");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_stalled_body_fails_a_synchronous_read_at_the_read_timeout(bool registered)
    {
        // A small unread rest: a handler that drains abandoned bodies would wait for it (2 s by default) before the read ends.
        using var server = ScriptedSocketServer.Start(async (_, stream, token) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 200\r\n\r\n"), token);
            await stream.WriteAsync(new byte[100], token);
            await stream.FlushAsync(token);
            await Task.Delay(Timeout.Infinite, token);
        });
        var timeout = TimeSpan.FromMilliseconds(300);
        ServiceProvider? provider = null;
        IIdentomatClient client;
        if (registered)
        {
            var services = new ServiceCollection();
            services.AddIdentomat(o => { o.CompanyKey = Hostile.CompanyKey; o.BaseAddress = server.BaseAddress; o.MediaReadTimeout = timeout; });
            provider = services.BuildServiceProvider();
            client = provider.GetRequiredService<IIdentomatClient>();
        }
        else
        {
            client = OwnedClient(server.BaseAddress, o => o.MediaReadTimeout = timeout);
        }

        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);
        var buffer = new byte[4096];
        Assert.That(media.Content.Read(buffer, 0, buffer.Length), Is.GreaterThan(0));
        var watch = Stopwatch.StartNew();

        Assert.That(() => { while (media.Content.Read(buffer, 0, buffer.Length) > 0) { } }, Throws.TypeOf<IdentomatTimeoutException>());

        // The deadline is 300 ms; a drained connection would add the handler's drain timeout (2 s) on top.
        Assert.That(watch.Elapsed, Is.LessThan(timeout + TimeSpan.FromMilliseconds(1200)));
        (client as IDisposable)?.Dispose();
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }

    private static IEnumerable<TestCaseData> DeclaredTypes()
    {
        yield return new TestCaseData("image/jpeg", "image/jpeg");
        yield return new TestCaseData("image/jpg", "image/jpeg");
        yield return new TestCaseData("IMAGE/PNG", "image/png");
        yield return new TestCaseData("image/webp; q=1", "image/webp");
        yield return new TestCaseData("image/heic", "image/heic");
        yield return new TestCaseData("video/mp4; codecs=\"avc1\"; name=\"</script>\"", "video/mp4");
        yield return new TestCaseData("video/webm", "video/webm");
        yield return new TestCaseData("video/quicktime", "video/quicktime");
        yield return new TestCaseData("image/svg+xml", "application/octet-stream");
        yield return new TestCaseData("text/html; charset=utf-8", "application/octet-stream");
        yield return new TestCaseData("text/javascript", "application/octet-stream");
        yield return new TestCaseData("application/xhtml+xml", "application/octet-stream");
        yield return new TestCaseData("application/pdf", "application/octet-stream");
        yield return new TestCaseData("image/x-icon", "application/octet-stream");
        yield return new TestCaseData("multipart/x-mixed-replace; boundary=x", "application/octet-stream");
        yield return new TestCaseData(null, "application/octet-stream");
    }

    [TestCaseSource(nameof(DeclaredTypes))]
    public async Task Only_raster_images_and_videos_come_through_as_such(string? declared, string shown)
    {
        var handler = new StubHandler(_ =>
        {
            var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0]) };
            if (declared is not null)
            {
                answer.Content.Headers.TryAddWithoutValidation("Content-Type", declared);
            }

            return answer;
        });
        using var client = handler.Client();

        using var media = await client.GetMediaAsync(Hostile.Token, MediaKind.Face);

        Assert.That(media.ContentType, Is.EqualTo(shown));
        Assert.That(media.ToString(), Is.EqualTo($"IdentomatMedia {{ ContentType = {shown}, Length = 4 }}"));
    }
}
