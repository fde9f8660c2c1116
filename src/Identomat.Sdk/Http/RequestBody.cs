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
        using var buffer = new PooledBufferWriter(8192);
        Write(buffer, companyKey, sessionToken: null);
        buffer.Truncate(1);
        var brace = buffer.WrittenCount;
        RequestJson.Write(request, buffer);
        if (buffer.WrittenCount - brace == 2)
        {
            buffer.WrittenSpan[brace] = (byte)'}';
            buffer.Truncate(1);
        }
        else
        {
            buffer.WrittenSpan[brace] = (byte)',';
        }

        return buffer.ToArray();
    }

    /// <summary>Every other operation: <c>{"company_key": …, "session_token": …}</c>.</summary>
    public static byte[] Token(string companyKey, string sessionToken)
    {
        using var buffer = new PooledBufferWriter(256);
        Write(buffer, companyKey, sessionToken);
        return buffer.ToArray();
    }

    private static void Write(PooledBufferWriter buffer, string companyKey, string? sessionToken)
    {
        using var writer = new Utf8JsonWriter(buffer, RequestJson.WriterOptions);
        JsonSerializer.Serialize(writer, new CredentialBody(companyKey, sessionToken), RequestJson.Credential);
    }
}
