namespace Identomat.Sdk.Http;

/// <summary>Reads an answer's body: whole and bounded for JSON, or its first bytes to tell a JSON answer from streamed media.</summary>
internal static class ResponseBody
{
    /// <summary>The largest body read whole: far above any result, far below what could exhaust memory.</summary>
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>A body declared this small is read straight into an array of its size.</summary>
    private const int ExactReadBytes = 64 * 1024;

    /// <summary>
    /// The first bytes of a body, up to its first byte that is not JSON white space (at most 64 bytes): no image or video
    /// format starts with <c>{</c> or <c>"</c>, and every JSON answer of a media endpoint (argumentError, an error code) does.
    /// </summary>
    public static async Task<byte[]> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[64];
        var filled = 0;
        int read;
        while (filled < head.Length && head.Take(filled).All(IsJsonWhiteSpace)
            && (read = await stream.ReadAsync(head, filled, head.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return head.Take(filled).ToArray();
    }

    /// <summary>True for an empty body or one whose first significant byte opens a JSON object or string.</summary>
    public static bool LooksLikeJson(byte[] head) => head.SkipWhile(IsJsonWhiteSpace).Take(1).All(b => b is (byte)'{' or (byte)'"');

    public static bool IsJsonWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>
    /// The whole body, at most <paramref name="maxBytes"/> (16 MiB by default), exactly as long as declared;
    /// <paramref name="head"/> is what was already read of <paramref name="opened"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The body is larger than the limit.</exception>
    /// <exception cref="IOException">The body ended before its declared length.</exception>
    public static async Task<byte[]> ReadAsync(
        HttpResponseMessage response, CancellationToken cancellationToken, Stream? opened = null, byte[]? head = null, int maxBytes = MaxBodyBytes)
    {
        var content = opened ?? await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var stream = head is null ? content : new Media.PrefixedStream(head, content);
        var declared = response.Content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw new InvalidDataException($"The response body is larger than {maxBytes} bytes.");
        }

        int read;
        if (declared is { } exact and <= ExactReadBytes)
        {
            // A small declared body (every answer but media) is read straight into an array of its size: the waste a
            // lying server can cause is bounded by ExactReadBytes per call.
            var body = new byte[exact];
            var filled = 0;
            while (filled < body.Length && (read = await stream.ReadAsync(body, filled, body.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            return filled == body.Length ? body : throw Truncated(filled, exact);
        }

        // Larger or undeclared bodies grow only with the bytes that actually arrive.
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while ((declared is null || buffer.Length < declared)
            && (read = await stream.ReadAsync(
                chunk, 0, (int)Math.Min(chunk.Length, (declared ?? long.MaxValue) - buffer.Length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new InvalidDataException($"The response body is larger than {maxBytes} bytes.");
            }
        }

        return declared is { } expected && buffer.Length != expected ? throw Truncated(buffer.Length, expected) : buffer.ToArray();
    }

    private static IOException Truncated(long arrived, long declared) => new($"The response body was truncated: {arrived} of {declared} bytes arrived.");
}
