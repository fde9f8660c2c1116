namespace Identomat.Sdk;

/// <summary>
/// A list of a result, read leniently: anything but an array reads as null, and an item of the wrong kind (not an
/// object; for strings, not a string) is left out, instead of failing the whole result. Public so that an
/// application's own source-generated context can serialize the SDK's results.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class LenientListJsonConverter<T> : JsonConverter<IReadOnlyList<T>?>
{
    private readonly ConverterCache<T> _item = new();

    private static readonly JsonTokenType ItemToken = typeof(T) == typeof(string) ? JsonTokenType.String : JsonTokenType.StartObject;

    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        // The item type's converter, called directly (see LenientObjectJsonConverter).
        var item = _item.For(options);
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == ItemToken)
            {
                items.Add(item.Read(ref reader, typeof(T), options)!);
            }
            else
            {
                reader.Skip();
            }
        }

        // Compared by value, so results read from the same JSON are equal.
        return ValueList<T>.From(items);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T>? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        var item = _item.For(options);
        writer.WriteStartArray();
        foreach (var element in value)
        {
            item.Write(writer, element, options);
        }

        writer.WriteEndArray();
    }
}
