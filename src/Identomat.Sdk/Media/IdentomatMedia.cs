namespace Identomat.Sdk;

/// <summary>
/// The answer to a media request. When <see cref="IsAvailable"/> is false the session has no such media (a normal
/// outcome, not an error). Otherwise <see cref="Content"/> streams the bytes: read it once, then dispose this object.
/// </summary>
public sealed class IdentomatMedia : IDisposable
{
    private readonly IDisposable? _owner;
    private readonly Stream? _content;

    internal IdentomatMedia(Stream content, string? contentType, long? length, IDisposable owner)
    {
        _content = content;
        ContentType = contentType;
        Length = length;
        _owner = owner;
    }

    private IdentomatMedia(string? unavailableReason) => UnavailableReason = unavailableReason;

    /// <summary>True when the media exists and <see cref="Content"/> can be read.</summary>
    public bool IsAvailable => _content is not null;

    /// <summary>
    /// The media's bytes, streamed from the server. With signing on, the first read takes in up to 16 MiB and verifies
    /// the signature when the body ends within them (every image), so a forged image hands out no byte; a longer body (a
    /// video) streams on and a wrong signature fails the read that reaches <see cref="Length"/> (or the end): discard
    /// what was read then. A wrong signature is an <see cref="IdentomatSignatureException"/>; a body that ends before
    /// <see cref="Length"/> fails with <see cref="IdentomatApiException"/>; a server that stops sending fails a read
    /// after <see cref="IdentomatClientOptions.MediaReadTimeout"/> with <see cref="IdentomatTimeoutException"/>. Every
    /// read after a failure throws it again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The media is not available.</exception>
    public Stream Content => _content ?? throw new InvalidOperationException("The session has no such media; check IsAvailable first.");

    /// <summary>
    /// The media type, safe to serve from your own origin: the type the server declared when it is a raster image or a
    /// video (<c>image/jpeg</c>, <c>image/png</c>, <c>image/webp</c>, <c>image/heic</c>, <c>video/mp4</c>,
    /// <c>video/webm</c>, <c>video/quicktime</c>, …), without parameters; <c>application/octet-stream</c> for anything
    /// else (<c>text/html</c>, <c>image/svg+xml</c>, none). Null when the media is not available.
    /// </summary>
    public string? ContentType { get; }

    /// <summary>The length in bytes, when the server declared it.</summary>
    public long? Length { get; }

    /// <summary>Why the media is not available, as the server said (<c>argumentError</c>); null when available.</summary>
    public string? UnavailableReason { get; }

    /// <summary>Releases the connection.</summary>
    public void Dispose()
    {
        _content?.Dispose();
        _owner?.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsAvailable ? $"IdentomatMedia {{ ContentType = {ContentType}, Length = {Length} }}" : "IdentomatMedia { not available }";

    internal static IdentomatMedia Unavailable(string? reason) => new(reason);
}
