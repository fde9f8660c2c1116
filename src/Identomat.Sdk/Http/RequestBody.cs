using System.Text.Encodings.Web;
using System.Text.Json;
using Identomat.Sdk.Internal;

namespace Identomat.Sdk.Http;

/// <summary>
/// Composes the HTTP bodies: the one place the credential (<c>company_key</c>) joins what is sent. The request records
/// know nothing of it; their JSON is written by themselves and the key is put in front here.
/// </summary>
internal static class RequestBody
{
    internal const string CompanyKeyName = "company_key";

    // The body is application/json for an API, never HTML: non-ASCII text goes out as UTF-8 (control characters and
    // invalid surrogates are still escaped), as in the request's own JSON.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>begin/</c>: the validated flow, with <c>company_key</c> as its first property.</summary>
    /// <exception cref="IdentomatValidationException">The flow is invalid or the key blank; nothing is composed.</exception>
    public static byte[] Begin(SessionRequest request, string companyKey)
    {
        var errors = request.Validate();
        if (string.IsNullOrWhiteSpace(companyKey))
        {
            errors = errors.Append(new ValidationError(CompanyKeyName, "the company key is blank; set IdentomatClientOptions.CompanyKey")).ToList();
        }

        if (errors.Count > 0)
        {
            throw new IdentomatValidationException(errors);
        }

        var flow = request.ToUtf8Json();
        var key = Write(companyKey, sessionToken: null);

        // {"company_key":"…"} and {…flow…} become {"company_key":"…",…flow…}.
        if (flow.Length <= 2)
        {
            return key;
        }

        var body = new byte[key.Length + flow.Length - 1];
        key.AsSpan(0, key.Length - 1).CopyTo(body);
        body[key.Length - 1] = (byte)',';
        flow.AsSpan(1).CopyTo(body.AsSpan(key.Length));
        return body;
    }

    /// <summary>Every other operation: <c>{"company_key": …, "session_token": …}</c>.</summary>
    public static byte[] Token(string companyKey, string sessionToken) => Write(companyKey, sessionToken);

    private static byte[] Write(string companyKey, string? sessionToken)
    {
        using var buffer = new PooledBufferWriter(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString(CompanyKeyName, companyKey);
            if (sessionToken is not null)
            {
                writer.WriteString("session_token", sessionToken);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
