using Polly;

namespace Identomat.Sdk.Http;

/// <summary>What one operation sends, and how many attempts it has made so far.</summary>
internal sealed class Attempts
{
    public static readonly ResiliencePropertyKey<Attempts> Key = new("identomat.attempts");

    public Attempts(Operation operation, byte[] body, string? signature, string? sessionToken)
    {
        Operation = operation;
        SessionToken = sessionToken;
        Body = body;
        Signature = signature;
    }

    public Operation Operation { get; }

    public byte[] Body { get; }

    public string? Signature { get; }

    /// <summary>The session token the call is about, if any: masked in every excerpt.</summary>
    public string? SessionToken { get; }

    public int Count { get; set; }

    /// <summary>
    /// The raw request-id header of the last attempt's answer, if it had one: server-chosen text, never shown as it is
    /// (<see cref="AnswerClassifier.RequestId"/> checks it when an error is stamped).
    /// </summary>
    public string? RequestIdHeader { get; set; }
}
