namespace Identomat.Sdk;

/// <summary>
/// <c>reject_reason</c> of a result. The vendor sends it with every result, with empty strings unless the session was
/// rejected (<c>{"value": "", "description": ""}</c>): an empty string reads as null here, and <c>ToJson()</c> writes
/// back what was received.
/// </summary>
public sealed record RejectReason : ResultObject
{
    /// <summary>
    /// <c>value</c>: a machine-readable reason, e.g. <c>face_mismatch</c>; null when the server sent none or an empty one
    /// (every session that was not rejected).
    /// </summary>
    [JsonIgnore]
    public string? Value { get => NullIfEmpty(WireValue); init => WireValue = value; }

    /// <summary><c>description</c>: the reason for a person; null when the server sent none or an empty one.</summary>
    [JsonIgnore]
    public string? Description { get => NullIfEmpty(WireDescription); init => WireDescription = value; }

    [JsonInclude]
    [JsonPropertyName("value")]
    internal string? WireValue { get; init; }

    [JsonInclude]
    [JsonPropertyName("description")]
    internal string? WireDescription { get; init; }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <inheritdoc />
    public override string ToString() => $"RejectReason {{ Value = {Internal.PrintableText.Show(Value)} }}";
}
