using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identomat.Sdk.Http;

/// <summary>The body of every operation after <c>begin/</c>, and the credential put in front of a <c>begin/</c> body.</summary>
internal sealed class CredentialBody
{
    public CredentialBody(string companyKey, string? sessionToken)
    {
        CompanyKey = companyKey;
        SessionToken = sessionToken;
    }

    [JsonPropertyName(Http.RequestBody.CompanyKeyName)]
    public string CompanyKey { get; }

    [JsonPropertyName("session_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SessionToken { get; }
}
