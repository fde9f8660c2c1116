namespace Identomat.Sdk.Http;

/// <summary>
/// An operation of the server API: its name (in logs, metrics and exceptions), its path under the base address,
/// whether retrying it after the request may have arrived is safe, whether a successful answer is streamed to the
/// caller, and whether a successful answer must have a body (an empty one is then an incomplete response, like a
/// dropped connection).
/// </summary>
internal abstract class ApiCall(string name, string path, bool isIdempotent, bool streams, bool expectsBody)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public bool IsIdempotent { get; } = isIdempotent;

    public bool Streams { get; } = streams;

    public bool ExpectsBody { get; } = expectsBody;
}

/// <summary>An operation and the reader of its successful answer (see <see cref="AnswerReaders"/>).</summary>
/// <typeparam name="T">What the operation returns.</typeparam>
internal sealed class ApiCall<T> : ApiCall
{
    public ApiCall(string name, string path, bool isIdempotent, Func<Answer, CallContext, T> read, bool streams = false, bool expectsBody = true)
        : base(name, path, isIdempotent, streams, expectsBody) => Read = read;

    /// <summary>Reads a successful answer that passed every check of <see cref="AnswerChecks"/>; throws the SDK's exceptions.</summary>
    public Func<Answer, CallContext, T> Read { get; }
}

/// <summary>The server API's operations: the one table the client, the transport and the tests read.</summary>
internal static class ApiCalls
{
    public static readonly ApiCall<string> Begin = new("begin", "begin/", isIdempotent: false, AnswerReaders.SessionToken);
    public static readonly ApiCall<VerificationResult> Result = new("result", "result/", isIdempotent: true, AnswerReaders.Result);
    public static readonly ApiCall<bool> Delete = new("delete", "delete/", isIdempotent: true, AnswerReaders.Deleted, expectsBody: false);

    // One per kind, by name (never by the enum's order).
    private static readonly Dictionary<MediaKind, ApiCall<IdentomatMedia>> MediaCalls = new()
    {
        [MediaKind.CardFront] = MediaCall("result/card-front/"),
        [MediaKind.CardBack] = MediaCall("result/card-back/"),
        [MediaKind.Passport] = MediaCall("result/passport/"),
        [MediaKind.Face] = MediaCall("result/face/"),
        [MediaKind.FaceVideo] = MediaCall("result/face-video/"),
    };

    public static IReadOnlyList<ApiCall> All { get; } = [Begin, Result, Delete, .. MediaCalls.Values];

    /// <summary>The media operation of a kind.</summary>
    public static ApiCall<IdentomatMedia> Media(MediaKind kind) =>
        MediaCalls.TryGetValue(kind, out var call) ? call : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown media kind.");

    private static ApiCall<IdentomatMedia> MediaCall(string path) => new("media", path, isIdempotent: true, AnswerReaders.Media, streams: true);
}
