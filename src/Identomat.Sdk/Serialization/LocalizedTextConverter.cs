using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Identomat.Sdk.Internal;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// Localized text: an object of language code to string, or a bare string for plain text. Reading accepts both
/// everywhere; validation decides where plain text is allowed.
/// </summary>
internal sealed class LocalizedTextConverter : JsonConverter<LocalizedText>
{
    public override bool HandleNull => true;

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
                : throw WireReadException.Expected("a string", reader.TokenType, WireReadException.Member(language)));
        }

        return new LocalizedText(entries);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        if (value.PlainText is not null)
        {
            writer.WriteStringValue(value.PlainText);
            return;
        }

        writer.WriteStartObject();
        for (var i = 0; i < value.Count; i++)
        {
            var entry = value.At(i);
            writer.WriteString(entry.Key, entry.Value);
        }

        writer.WriteEndObject();
    }
}
