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
        // then a comma and the flow without its opening brace (an empty flow adds nothing to the key's object).
        var key = Token(companyKey, sessionToken: null);
        var flow = RequestJson.Write(request);
        return flow.Length > 2 ? [.. key.AsSpan(0, key.Length - 1), (byte)',', .. flow.AsSpan(1)] : key;
    }

    /// <summary>Every other operation: <c>{"company_key": …, "session_token": …}</c> (the key alone for <c>begin/</c>).</summary>
    public static byte[] Token(string companyKey, string? sessionToken) => RequestJson.Written(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString(CompanyKeyName, companyKey);
        if (sessionToken is not null)
        {
            writer.WriteString("session_token", sessionToken);
        }

        writer.WriteEndObject();
    });
}
