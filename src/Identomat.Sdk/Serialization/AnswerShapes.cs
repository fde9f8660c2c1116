using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identomat.Sdk.Serialization;

/// <summary>A media endpoint's answer when the session has no such media: <c>{"argumentError": …}</c>.</summary>
internal sealed class MediaErrorAnswer
{
    /// <summary>The reason, as sent: usually a string, kept whole otherwise. Undefined when absent.</summary>
    [JsonPropertyName("argumentError")]
    public JsonElement ArgumentError { get; set; }
}

/// <summary>
/// A callback body split in two: the credential, and everything else in its order (the callback's
/// <see cref="IdentomatCallback.Raw"/>).
/// </summary>
internal sealed class CallbackEnvelope
{
    [JsonPropertyName(IdentomatCallback.KeyProperty)]
    public string? CallbackApiKey { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Payload { get; set; }
}

/// <summary>
/// The named fields of a callback payload, read leniently: a field of another kind than string reads as null. The
/// address field's name is not documented, so three spellings are read.
/// </summary>
internal sealed class CallbackFields
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("sessionId")]
    public string? SessionId { get; set; }

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("phoneNumber")]
    public string? PhoneNumber { get; set; }

    [JsonPropertyName("sessionLink")]
    public string? SessionLink { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("emailAddress")]
    public string? EmailAddress { get; set; }

    [JsonPropertyName("email_address")]
    public string? EmailAddressSnakeCase { get; set; }

    /// <summary>The address under the first of its spellings that is present.</summary>
    public string? AnyEmail => Email ?? EmailAddress ?? EmailAddressSnakeCase;
}

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
