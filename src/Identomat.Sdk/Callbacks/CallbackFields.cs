using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identomat.Sdk.Callbacks;

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
