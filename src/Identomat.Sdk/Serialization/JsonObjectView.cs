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
    private readonly bool _hasDuplicates;

    public JsonObjectView(JsonElement jsonObject)
    {
        _object = jsonObject;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in jsonObject.EnumerateObject())
        {
            _hasDuplicates |= !names.Add(property.Name);
        }

        Count = names.Count;
    }

    /// <summary>The number of distinct names: of a name sent twice, only the last value counts.</summary>
    public int Count { get; }

    public IEnumerable<string> Keys => Pairs().Select(p => p.Key);

    public IEnumerable<JsonElement> Values => Pairs().Select(p => p.Value);

    public JsonElement this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException("No such field.");

    public bool ContainsKey(string key) => _object.TryGetProperty(key, out _);

    /// <summary>The value of the name's last occurrence (what <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> returns).</summary>
    public bool TryGetValue(string key, out JsonElement value) => _object.TryGetProperty(key, out value);

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => Pairs().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void WriteTo(Utf8JsonWriter writer)
    {
        if (!_hasDuplicates)
        {
            _object.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var pair in Pairs())
        {
            writer.WritePropertyName(pair.Key);
            pair.Value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>Each name once, at its first position, with its last value; linear.</summary>
    private IEnumerable<KeyValuePair<string, JsonElement>> Pairs()
    {
        if (!_hasDuplicates)
        {
            return _object.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value));
        }

        var order = new List<string>();
        var last = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in _object.EnumerateObject())
        {
            if (!last.ContainsKey(property.Name))
            {
                order.Add(property.Name);
            }

            last[property.Name] = property.Value;
        }

        return order.Select(name => new KeyValuePair<string, JsonElement>(name, last[name]));
    }
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

/// <summary>
/// The legacy <c>general_document</c> key, read leniently: an array of documents, anything else (seen: an empty
/// array, never documented) reads as null rather than failing the result.
/// </summary>
internal sealed class LenientGeneralDocumentsConverter : JsonConverter<IReadOnlyList<GeneralDocument>?>
{
    public override IReadOnlyList<GeneralDocument>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var items = new List<GeneralDocument>();
        var item = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<GeneralDocument>)options.GetTypeInfo(typeof(GeneralDocument));
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                items.Add(JsonSerializer.Deserialize(ref reader, item)!);
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<GeneralDocument>? value, JsonSerializerOptions options)
    {
        var item = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<GeneralDocument>)options.GetTypeInfo(typeof(GeneralDocument));
        writer.WriteStartArray();
        foreach (var document in value ?? [])
        {
            JsonSerializer.Serialize(writer, document, item);
        }

        writer.WriteEndArray();
    }
}
