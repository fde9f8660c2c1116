using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// An open-ended JSON object (raw OCR fields and the like) read as one document and exposed as a read-only dictionary,
/// instead of one document per value.
/// </summary>
internal sealed class JsonObjectView : IReadOnlyDictionary<string, JsonElement>
{
    private readonly JsonElement _object;

    public JsonObjectView(JsonElement jsonObject) => _object = jsonObject;

    public int Count => _object.EnumerateObject().Count();

    public IEnumerable<string> Keys => _object.EnumerateObject().Select(p => p.Name);

    public IEnumerable<JsonElement> Values => _object.EnumerateObject().Select(p => p.Value);

    public JsonElement this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No field '{key}'.");

    public bool ContainsKey(string key) => _object.TryGetProperty(key, out _);

    public bool TryGetValue(string key, out JsonElement value) => _object.TryGetProperty(key, out value);

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() =>
        _object.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void WriteTo(Utf8JsonWriter writer) => _object.WriteTo(writer);
}

/// <summary>Reads an open object into a <see cref="JsonObjectView"/>; anything but an object reads as null.</summary>
internal sealed class JsonObjectViewConverter : JsonConverter<IReadOnlyDictionary<string, JsonElement>>
{
    public override IReadOnlyDictionary<string, JsonElement>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return new JsonObjectView(document.RootElement.Clone());
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> value, JsonSerializerOptions options)
    {
        if (value is JsonObjectView view)
        {
            view.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var pair in value)
        {
            writer.WritePropertyName(pair.Key);
            pair.Value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
