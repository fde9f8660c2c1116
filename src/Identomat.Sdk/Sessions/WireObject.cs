using System.Text.Json;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>
/// The base of every record the SDK sends on the wire: the session request, its flags, steps, step flags,
/// questions, options and show conditions. Records compare by value, including their lists.
/// </summary>
public abstract record WireObject
{
    private readonly IReadOnlyDictionary<string, JsonElement>? _additionalProperties;

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
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties
    {
        get => _additionalProperties;
        init => _additionalProperties = RawProperties.From(value);
    }

    /// <summary>The wire shape of this record's typed properties.</summary>
    private protected abstract IWireShape Shape { get; }

    /// <summary>
    /// Describes the record without its values: names and keys only, as the values may hold personal data.
    /// </summary>
    public sealed override string ToString() => $"{GetType().Name} {{ {Describe()} }}";

    /// <summary>The part of <see cref="ToString"/> inside the braces; never values that may be personal data.</summary>
    private protected virtual string Describe() =>
        string.Join(", ", Shape.WrittenNames(this).Concat(AdditionalProperties?.Keys ?? Enumerable.Empty<string>()));

    internal IEnumerable<string> WrittenNames() => Shape.WrittenNames(this);

    /// <summary>Every typed property's wire name and value type (for the published JSON Schema).</summary>
    internal IEnumerable<(string Name, Type ValueType)> WireFields => Shape.Fields;

    /// <summary>Writes the object: the typed properties, then the raw ones.</summary>
    internal void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();

        Shape.WriteProperties(writer, this);
        if (_additionalProperties is not null)
        {
            foreach (var property in _additionalProperties)
            {
                writer.WritePropertyName(property.Key);
                property.Value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
