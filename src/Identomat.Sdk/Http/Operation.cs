namespace Identomat.Sdk.Http;

/// <summary>
/// An operation of the server API, declared once in <see cref="Operations"/>: its name (in logs, metrics and
/// exceptions), its path under the base address, whether retrying it after the request may have arrived is safe,
/// whether a successful answer is streamed to the caller, and whether a successful answer must have a body (an empty
/// one is then an incomplete response, like a dropped connection).
/// </summary>
internal sealed record Operation(string Name, string Path, bool IsIdempotent, bool Streams = false, bool ExpectsBody = true);

/// <summary>The server API's operations: the one table the client, the transport and the tests read.</summary>
internal static class Operations
{
    public static readonly Operation Begin = new("begin", "begin/", IsIdempotent: false);
    public static readonly Operation Result = new("result", "result/", IsIdempotent: true);
    public static readonly Operation Delete = new("delete", "delete/", IsIdempotent: true, ExpectsBody: false);
    public static readonly Operation CardFront = new("media", "result/card-front/", IsIdempotent: true, Streams: true);
    public static readonly Operation CardBack = new("media", "result/card-back/", IsIdempotent: true, Streams: true);
    public static readonly Operation Passport = new("media", "result/passport/", IsIdempotent: true, Streams: true);
    public static readonly Operation Face = new("media", "result/face/", IsIdempotent: true, Streams: true);
    public static readonly Operation FaceVideo = new("media", "result/face-video/", IsIdempotent: true, Streams: true);

    public static IReadOnlyList<Operation> All { get; } = [Begin, Result, Delete, CardFront, CardBack, Passport, Face, FaceVideo];

    /// <summary>The media operation of a kind, by name (never by the enum's order).</summary>
    public static Operation Media(MediaKind kind) => kind switch
    {
        MediaKind.CardFront => CardFront,
        MediaKind.CardBack => CardBack,
        MediaKind.Passport => Passport,
        MediaKind.Face => Face,
        MediaKind.FaceVideo => FaceVideo,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown media kind."),
    };
}
