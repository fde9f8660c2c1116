namespace Identomat.Sdk;

/// <summary>
/// A nested object of a result, read leniently: anything but an object (an empty array, as PHP writes an empty map; a
/// string) reads as null instead of failing the whole result. Objects are read with the type's generated metadata.
/// Public so that an application's own source-generated context can serialize the SDK's results.
/// </summary>
/// <typeparam name="T">The object's type.</typeparam>
public sealed class LenientObjectJsonConverter<T> : JsonConverter<T?>
    where T : class
{
    private readonly ConverterCache<T> _converter = new();

    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        // The type's converter, called directly: a nested JsonSerializer.Deserialize would first scan the whole value to
        // scope a reader to it, then read it again.
        return _converter.For(options).Read(ref reader, typeof(T), options);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        _converter.For(options).Write(writer, value, options);
    }
}
