using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identomat.Sdk.Media;

/// <summary>A media endpoint's answer when the session has no such media: <c>{"argumentError": …}</c>.</summary>
internal sealed class MediaErrorAnswer
{
    /// <summary>The reason, as sent: usually a string, kept whole otherwise. Undefined when absent.</summary>
    [JsonPropertyName("argumentError")]
    public JsonElement ArgumentError { get; set; }
}
