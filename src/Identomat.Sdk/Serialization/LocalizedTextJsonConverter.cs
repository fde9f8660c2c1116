namespace Identomat.Sdk;

/// <summary>
/// Writes <see cref="LocalizedText"/> as the wire carries it (an object of language code to string, or a bare string
/// for plain text) and reads either back, for any <see cref="JsonSerializer"/>: <see cref="LocalizedText"/> names it.
/// Validation decides where plain text is allowed.
/// </summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return LocalizedText.Plain(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WireReadException.Expected("an object of language codes to text", reader.TokenType);
        }

        var entries = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var language = reader.GetString()!;
            reader.Read();
            entries.Add(reader.TokenType == JsonTokenType.String
                ? new(language, reader.GetString()!)
                : throw WireReadException.Expected("a string", reader.TokenType, JsonPath.Member(language)));
        }

        return new LocalizedText(entries);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        if (value.PlainText is not null)
        {
            writer.WriteStringValue(value.PlainText);
            return;
        }

        writer.WriteStartObject();
        foreach (var entry in value.Entries)
        {
            writer.WriteString(entry.Key, entry.Value);
        }

        writer.WriteEndObject();
    }
}
