namespace Identomat.Sdk;

/// <summary>
/// The bytes and signature of the answer a result was read from, kept without taking part in the record's equality: two
/// results equal with or without one.
/// </summary>
internal readonly struct AnswerBox(byte[]? body, string? signature) : IEquatable<AnswerBox>
{
    public byte[]? Body { get; } = body;

    public string? Signature { get; } = signature;

    public bool Equals(AnswerBox other) => true;

    public override bool Equals(object? obj) => obj is AnswerBox;

    public override int GetHashCode() => 0;
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
