using System.Collections.ObjectModel;

namespace Identomat.Sdk;

/// <summary>
/// The base of the objects read from the server's results: keeps every field the SDK does not model, so a field the
/// vendor adds is never lost.
/// </summary>
public abstract record ResultObject : IJsonOnDeserialized
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

    /// <summary>Whether unknown names are this object's design (OCR fields), rather than the vendor's additions to report.</summary>
    private protected virtual bool IsOpenObject => false;

    /// <summary>Reports the fields the vendor added to this object (<see cref="Diagnostics.Drift"/>): names only.</summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        foreach (var name in IsOpenObject ? [] : ExtensionData?.Keys ?? Enumerable.Empty<string>())
        {
            Diagnostics.Drift.Saw(Diagnostics.Drift.Property, name, GetType().Name);
        }
    }
}
