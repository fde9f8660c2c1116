using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identomat.Sdk.Callbacks;

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
