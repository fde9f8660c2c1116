#pragma warning disable CA2022 // Reads here check each call's answer.
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;

namespace Identomat.Sdk.Tests.Media;

/// <summary>The time-bounded stream under a media body: what a broken connection reports, and reads after disposal.</summary>
public class TimedReadStreamTests
{
    private static TimedReadStream Timed(Stream inner) => new(inner, "media", TimeSpan.FromSeconds(30), CancellationToken.None);

    [Test]
    public void A_broken_connection_says_how_many_bytes_passed_before_it_on_the_synchronous_path()
    {
        using var stream = Timed(new BreaksAfter(10));
        var buffer = new byte[4];

        var ex = Assert.Throws<IdentomatApiException>(() =>
        {
            while (stream.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        });

        Assert.That(ex!.Message, Does.Contain("the media stream failed after 10 bytes (IOException)"));
    }

    [Test]
    public void A_broken_connection_says_how_many_bytes_passed_before_it_on_the_asynchronous_path()
    {
        using var stream = Timed(new BreaksAfter(10));
        var buffer = new byte[4];

        var ex = Assert.ThrowsAsync<IdentomatApiException>(async () =>
        {
            while (await stream.ReadAsync(buffer.AsMemory()) > 0)
            {
            }
        });

        Assert.That(ex!.Message, Does.Contain("the media stream failed after 10 bytes (IOException)"));
    }

    [Test]
    public void Reads_after_dispose_are_the_streams_own_disposal_not_a_broken_connection()
    {
        var stream = Timed(new MemoryStream(new byte[10]));
        stream.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[4], 0, 4));
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await stream.ReadAsync(new byte[4].AsMemory()));
    }

    /// <summary>A connection that delivers some bytes, then resets.</summary>
    private sealed class BreaksAfter(int length) : ReadOnlyStream
    {
        private int _left = length;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left == 0)
            {
                throw new IOException("connection reset by peer");
            }

            var read = Math.Min(count, _left);
            _left -= read;
            return read;
        }
    }
}
