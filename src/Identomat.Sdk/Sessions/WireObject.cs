namespace Identomat.Sdk;

/// <summary>
/// The base of every record the SDK sends on the wire: the session request, its flags, steps, step flags,
/// questions, options and show conditions. Records compare by value, including their lists.
/// </summary>
/// <remarks>
/// The wire form is declared on the records themselves (<see cref="JsonPropertyNameAttribute"/>, order, omission of
/// unset values, unknown properties kept in <see cref="AdditionalProperties"/>) and written and read by the SDK's
/// source-generated <see cref="JsonSerializerContext"/>.
/// </remarks>
public abstract record WireObject
{
    private RawProperties? _additionalProperties;

    private protected WireObject()
    {
    }

    /// <summary>
    /// Extra raw JSON properties, written verbatim after the typed ones: the escape hatch for flags the vendor adds
    /// without notice (for example <c>skip_agreement</c>). When reading JSON, every property without a typed
    /// counterpart lands here, so nothing is lost. A name that a typed property of the same object writes is a
    /// validation error.
    /// </summary>
    /// <value>Null (the default) when there are none. Stored as an immutable copy.</value>
    // Ignored by the serializer, which still reserves an ignored property's name: reading would skip an unknown JSON
    // property named "AdditionalProperties" instead of keeping it. The reserved name is set to one no flow carries.
    [JsonIgnore]
    [JsonPropertyName("\u0001AdditionalProperties (not on the wire)")]
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties
    {
        get => _additionalProperties?.Freeze();
        init => _additionalProperties = RawProperties.From(value);
    }

    /// <summary>
    /// The same properties as the serializer's extension data: it fills them while reading (before anyone else sees
    /// the record) and writes them after the typed properties.
    /// </summary>
    [JsonExtensionData]
    [JsonInclude]
    internal RawProperties? ExtensionData
    {
        get => _additionalProperties;
        set => _additionalProperties = value;
    }

    /// <summary>
    /// Describes the record without its values: names and keys only, as the values may hold personal data.
    /// </summary>
    public sealed override string ToString() => $"{GetType().Name} {{ {Describe()} }}";

    /// <summary>The part of <see cref="ToString"/> inside the braces; never values that may be personal data.</summary>
    private protected virtual string Describe() =>
        string.Join(", ", RequestJson.WrittenNames(this).Concat(_additionalProperties?.Keys ?? Enumerable.Empty<string>()));
}
