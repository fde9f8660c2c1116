namespace Identomat.Sdk.Http;

/// <summary>
/// Composes the HTTP bodies: the one place the credential (<c>company_key</c>) joins what is sent. The request records
/// know nothing of it; their JSON is written by the request context, and the key, written with the same writer options, is put
/// in front here.
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

        // {"company_key":"…"} and {…flow…} become {"company_key":"…",…flow…}: the key's object without its closing brace,
        // then a comma and the flow without its opening brace (or, for an empty flow, the closing brace alone).
        var key = Token(companyKey, sessionToken: null);
        var flow = RequestJson.Write(request);
        using var body = new MemoryStream(key.Length + flow.Length);
        body.Write(key, 0, key.Length - 1);
        if (flow.Length > 2)
        {
            body.WriteByte((byte)',');
            body.Write(flow, 1, flow.Length - 1);
        }
        else
        {
            body.WriteByte((byte)'}');
        }

        return body.ToArray();
    }

    /// <summary>Every other operation: <c>{"company_key": …, "session_token": …}</c> (the key alone for <c>begin/</c>).</summary>
    public static byte[] Token(string companyKey, string? sessionToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, RequestJson.WriterOptions))
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
