namespace Identomat.Sdk.Http;

/// <summary>One HTTP answer: the response, and its body unless the body is streamed to the caller.</summary>
internal sealed class Answer(HttpResponseMessage response, byte[]? body, Stream? stream = null) : IDisposable
{
    private ReadOnlyMemory<byte>? _json;

    public HttpResponseMessage Response { get; } = response;

    /// <summary>The whole body, as it arrived (what a signature covers); null when the body is left unread for streaming.</summary>
    public byte[]? Body { get; } = body;

    /// <summary>
    /// The body as JSON readers take it: invalid UTF-8 and lone surrogates made U+FFFD (<see cref="JsonInput.Repair"/>),
    /// once for every check and reader of this answer. Empty for a streamed body.
    /// </summary>
    public ReadOnlyMemory<byte> Json => _json ??= Body is null ? ReadOnlyMemory<byte>.Empty : JsonInput.Repair(Body);

    /// <summary>The unread body, for streaming; null when <see cref="Body"/> was read.</summary>
    public Stream? Stream { get; } = stream;

    public int Status => (int)Response.StatusCode;

    public bool IsSuccess => Response.IsSuccessStatusCode;

    public void Dispose() => Response.Dispose();
}
