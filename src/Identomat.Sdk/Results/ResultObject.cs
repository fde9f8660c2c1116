using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;

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

/// <summary>Unknown fields of a result object, compared by name and JSON value (in any order).</summary>
internal readonly struct ExtensionBox(Dictionary<string, JsonElement>? value) : IEquatable<ExtensionBox>
{
    public Dictionary<string, JsonElement>? Value { get; } = value;

    public bool Equals(ExtensionBox other)
    {
        var (left, right) = (Value is { Count: > 0 } l ? l : null, other.Value is { Count: > 0 } r ? r : null);
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return left.Count == right.Count
            && left.All(p => right.TryGetValue(p.Key, out var value) && Internal.JsonEquality.Equal(p.Value, value));
    }

    public override bool Equals(object? obj) => obj is ExtensionBox other && Equals(other);

    public override int GetHashCode() => Value?.Count ?? 0;
}

/// <summary>A raw JSON value of a result, compared by JSON value.</summary>
internal readonly struct JsonValueBox(JsonElement? value) : IEquatable<JsonValueBox>
{
    public JsonElement? Value { get; } = value;

    public bool Equals(JsonValueBox other) =>
        Value is { } left ? other.Value is { } right && Internal.JsonEquality.Equal(left, right) : other.Value is null;

    public override bool Equals(object? obj) => obj is JsonValueBox other && Equals(other);

    public override int GetHashCode() => (int)(Value?.ValueKind ?? 0);
}
