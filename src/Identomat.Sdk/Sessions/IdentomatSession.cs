using System.Text.Json.Serialization;

namespace Identomat.Sdk;

/// <summary>
/// A started session: its token, where to send the user, and when it was issued. Travels through any
/// <see cref="System.Text.Json.JsonSerializer"/> as <c>{"token", "widgetUrl", "issuedAt"}</c>, whatever the naming policy.
/// </summary>
public sealed class IdentomatSession
{
    /// <summary>Creates a session handle.</summary>
    /// <param name="token">The session token.</param>
    /// <param name="widgetUrl">The widget URL for this session.</param>
    /// <param name="issuedAt">When the token was received.</param>
    [JsonConstructor]
    public IdentomatSession(string token, Uri widgetUrl, DateTimeOffset issuedAt)
    {
        Token = token ?? throw new ArgumentNullException(nameof(token));
        WidgetUrl = widgetUrl ?? throw new ArgumentNullException(nameof(widgetUrl));
        IssuedAt = issuedAt;
    }

    /// <summary>The session token: pass it to <see cref="IIdentomatClient.GetResultAsync"/> and the other operations.</summary>
    [JsonPropertyName("token")]
    public string Token { get; }

    /// <summary>
    /// The end-user widget for this session (<c>…/?session_token=…</c>): redirect the user here, or load it in an iframe
    /// with <c>allow="camera; microphone"</c> (the widget posts <c>"DONE"</c> to the parent window when the flow ends).
    /// </summary>
    [JsonPropertyName("widgetUrl")]
    public Uri WidgetUrl { get; }

    /// <summary>How long the vendor documents a session token to be valid by default, for the user to start: 15 minutes.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

    /// <summary>When the client received the token. By default a token is valid for 15 minutes for the user to start.</summary>
    [JsonPropertyName("issuedAt")]
    public DateTimeOffset IssuedAt { get; }

    /// <summary>
    /// When the token stops being valid for the user to start the flow: <see cref="IssuedAt"/> plus the vendor's
    /// documented default lifetime (<see cref="DefaultLifetime"/>, 15 minutes), or <see cref="DateTimeOffset.MaxValue"/>
    /// when that is later than the calendar holds. An account configured otherwise at the vendor differs; a flow
    /// started before this time may take longer to finish.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset ExpiresAt
    {
        get
        {
            try
            {
                return IssuedAt + DefaultLifetime;
            }
            catch (ArgumentOutOfRangeException)
            {
                // A clock near the end of the calendar (year 9999, in UTC or in the offset's own time).
                return DateTimeOffset.MaxValue;
            }
        }
    }

    /// <summary>The issue time and a masked token.</summary>
    public override string ToString() => $"IdentomatSession {{ Token = {Mask(Token)}, IssuedAt = {IssuedAt:O} }}";

    /// <summary>At most a sixth of a long token (to tell sessions apart in logs), nothing of a short one.</summary>
    internal static string Mask(string token) => token.Length < 24 ? "***" : token.Substring(0, 4) + "…";
}

/// <summary>The media a session can hold.</summary>
public enum MediaKind
{
    /// <summary>The identity card's front (<c>result/card-front/</c>).</summary>
    CardFront,

    /// <summary>The identity card's back (<c>result/card-back/</c>).</summary>
    CardBack,

    /// <summary>The passport page (<c>result/passport/</c>).</summary>
    Passport,

    /// <summary>The face image (<c>result/face/</c>).</summary>
    Face,

    /// <summary>The liveness video (<c>result/face-video/</c>).</summary>
    FaceVideo,
}

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
    /// The media's bytes, streamed from the server (never buffered whole). With signing on, a wrong signature fails the
    /// read that reaches <see cref="Length"/> (or the end) with <see cref="IdentomatSignatureException"/>; a body that ends
    /// before <see cref="Length"/> fails with <see cref="IdentomatApiException"/>; a server that stops sending fails a read
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
    public override string ToString() => IsAvailable ? $"IdentomatMedia {{ ContentType = {ContentType}, Length = {Length} }}" : "IdentomatMedia { not available }";

    internal static IdentomatMedia Unavailable(string? reason) => new(reason);
}
