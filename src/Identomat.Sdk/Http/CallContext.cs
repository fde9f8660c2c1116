using Polly;

namespace Identomat.Sdk.Http;

/// <summary>
/// One call in flight: the operation, what it sends (body, signature, the session token it is about), the settings it
/// was sent under, the caller's token, and what its attempts found so far. Travels through the retry pipeline, the
/// checks, the reader and the error mapping.
/// </summary>
internal sealed class CallContext
{
    public static readonly ResiliencePropertyKey<CallContext> Key = new("identomat.call");

    public CallContext(
        ApiCall call, byte[] body, string? sessionToken, IdentomatClientOptions options, RequestSigner? signer, TimeProvider time,
        CancellationToken callerToken)
    {
        Call = call;
        Body = body;
        SessionToken = sessionToken;
        Options = options;
        Signer = signer;
        Time = time;
        CallerToken = callerToken;
        Signature = signer?.HeaderValue(body);
    }

    public ApiCall Call { get; }

    public byte[] Body { get; }

    /// <summary>The request's signature header, when signing is on.</summary>
    public string? Signature { get; }

    /// <summary>The session token the call is about, if any: masked in every excerpt.</summary>
    public string? SessionToken { get; }

    public IdentomatClientOptions Options { get; }

    public RequestSigner? Signer { get; }

    public TimeProvider Time { get; }

    /// <summary>The caller's own token: a streamed answer's reads honor it after the call returns.</summary>
    public CancellationToken CallerToken { get; }

    /// <summary>How many attempts the call has made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// The raw request-id header of the last attempt's answer, if it had one: server-chosen text, never shown as it is
    /// (<see cref="ResponseHeaders.RequestId"/> checks it when an error is stamped).
    /// </summary>
    public string? RequestIdHeader { get; set; }

    /// <summary>The secrets that must never appear in what the SDK shows: the keys and the call's session token.</summary>
    public IEnumerable<string?> Secrets
    {
        get
        {
            yield return Options.CompanyKey;
            yield return Options.SecretKey;
            yield return Options.PreviousSecretKey;
            yield return SessionToken;
        }
    }
}
