using System.Collections.ObjectModel;

namespace Identomat.Sdk;

/// <summary>
/// The base of the objects read from the server's results: keeps every field the SDK does not model, so a field the
/// vendor adds is never lost.
/// </summary>
public abstract record ResultObject
{
    private static readonly IReadOnlyDictionary<string, JsonElement> None = new ReadOnlyDictionary<string, JsonElement>(new Dictionary<string, JsonElement>());

    private protected ResultObject()
    {
    }

    /// <summary>The fields the SDK does not model, as sent; empty when there are none.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties =>
        ExtensionData is { Count: > 0 } data ? new ReadOnlyDictionary<string, JsonElement>(data) : None;

    // Held in a box that compares the fields by JSON value, so records read from the same JSON are equal.
    private ExtensionBox _extension;

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get => _extension.Value; set => _extension = new ExtensionBox(value); }
}
