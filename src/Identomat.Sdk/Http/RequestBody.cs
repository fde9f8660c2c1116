using System.Text.Json;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk.Http;

/// <summary>
/// Composes the HTTP bodies: the one place the credential (<c>company_key</c>) joins what is sent. The request records
/// know nothing of it; their JSON is written by the request context and the key, written by the same context, is put in front here.
/// </summary>
internal static class RequestBody
{
    internal const string CompanyKeyName = "company_key";

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

        // {"company_key":"…"} and {…flow…} become {"company_key":"…",…flow…}, written once into one buffer: the key's
        // object without its closing brace, then the flow, whose opening brace becomes the comma (or, for an empty
        // flow, the closing brace).
        var key = Write(companyKey, sessionToken: null);
        using var buffer = new PooledBufferWriter(8192);
        key.AsSpan(0, key.Length - 1).CopyTo(buffer.GetSpan(key.Length));
        buffer.Advance(key.Length - 1);
        WireJson.Write(request, buffer);
        var flow = buffer.WrittenCount - (key.Length - 1);
        if (flow == 2)
        {
            buffer.WrittenSpan[key.Length - 1] = (byte)'}';
            buffer.Truncate(1);
        }
        else
        {
            buffer.WrittenSpan[key.Length - 1] = (byte)',';
        }

        return buffer.ToArray();
    }

    /// <summary>Every other operation: <c>{"company_key": …, "session_token": …}</c>.</summary>
    public static byte[] Token(string companyKey, string sessionToken) => Write(companyKey, sessionToken);

    private static byte[] Write(string companyKey, string? sessionToken)
    {
        using var buffer = new PooledBufferWriter(256);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, new CredentialBody(companyKey, sessionToken), WireJson.Credential);
        }

        return buffer.ToArray();
    }
}
