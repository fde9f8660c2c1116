namespace Identomat.Sdk.Http;

/// <summary>One HTTP answer: the response, and its body unless the body is streamed to the caller.</summary>
internal sealed class Exchange : IDisposable
{
    public Exchange(HttpResponseMessage response, byte[]? body, Stream? stream = null)
    {
        Response = response;
        Body = body;
        Stream = stream;
    }

    public HttpResponseMessage Response { get; }

    /// <summary>The whole body; null when the body is left unread for streaming.</summary>
    public byte[]? Body { get; }

    /// <summary>The unread body, for streaming; null when <see cref="Body"/> was read.</summary>
    public Stream? Stream { get; }

    public int Status => (int)Response.StatusCode;

    public bool IsSuccess => Response.IsSuccessStatusCode;

    public void Dispose() => Response.Dispose();
}
