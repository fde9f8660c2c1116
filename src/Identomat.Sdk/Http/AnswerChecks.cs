namespace Identomat.Sdk.Http;

/// <summary>
/// What every answer must pass before an operation's reader sees it: a success status, a signature that verifies
/// (when signing is on), and being an answer to this request at all.
/// </summary>
internal static class AnswerChecks
{
    /// <summary>Throws the SDK's exception for an answer that is an error, unsigned or wrongly signed, or not an answer to this request.</summary>
    public static void Check(Answer answer, CallContext call)
    {
        if (!answer.IsSuccess)
        {
            throw AnswerErrors.For(answer, call);
        }

        var signature = ResponseHeaders.SignatureOf(answer.Response);
        if (call.Signer is { } signer && answer.Body is { } body && !signer.Verifies(signature, body))
        {
            throw AnswerErrors.BadSignature(call, missing: signature is null);
        }

        if (NotAnAnswer(answer, call, signature) is { } reason)
        {
            throw AnswerErrors.Refused(answer, call, reason);
        }
    }

    /// <summary>True when a JSON string value or property name, escapes resolved, is exactly <paramref name="text"/>.</summary>
    internal static bool CarriesText(ReadOnlySpan<byte> json, byte[] text)
    {
        // The reader's default depth, 64, is the depth every JSON input of the SDK allows.
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueTextEquals(text))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (or too deep) from here on: every operation's reader refuses such an answer.
        }

        return false;
    }

    /// <summary>
    /// Why a successful answer is not an answer to this request, or null. A signature proves only that a holder of the
    /// secret wrote the answer, and requests and answers are signed with the same secret and header: the request sent
    /// back (by the server or anyone on the path) verifies. So an answer is refused when it is the request's own body
    /// or carries the request's own signature, when it carries the company key (as a whole JSON string or property name,
    /// escapes resolved; never a substring, and never in a streamed media body, where JSON is already refused), when it
    /// is a part of a body (HTTP 206) or a delta (HTTP 226), when media comes with another status than 200, and when it
    /// is compressed (the SDK never asks for that, and signatures cover the bytes as sent).
    /// </summary>
    private static string? NotAnAnswer(Answer answer, CallContext call, string? signature)
    {
        if (answer.Status is 206 or 226)
        {
            return $"it is a part or a delta of a body (HTTP {answer.Status}), never a whole answer";
        }

        if (answer.Stream is not null && answer.Status != 200)
        {
            return $"media comes with HTTP 200, not {answer.Status}";
        }

        if (answer.Response.Content.Headers.ContentEncoding.Any(e => !string.Equals(e, "identity", StringComparison.OrdinalIgnoreCase)))
        {
            return "it is compressed (Content-Encoding), which the SDK never asks for";
        }

        if (call.Signature is { } sent && signature?.Trim() == sent)
        {
            return "it carries the request's own signature, so it is the request sent back, not an answer";
        }

        if (answer.Body is { } body && body.AsSpan().SequenceEqual(call.Body))
        {
            return "its body is the request's own body, sent back";
        }

        return answer.Body is not null && CarriesText(answer.Json.Span, Encoding.UTF8.GetBytes(call.Options.CompanyKey!))
            ? "it carries the company key, which no answer holds"
            : null;
    }
}
