using System.Collections;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// An open-ended JSON object (raw OCR fields and the like) read as one document and exposed as a read-only dictionary,
/// instead of one document per value.
/// </summary>
internal sealed class JsonObjectView : IReadOnlyDictionary<string, JsonElement>, IEquatable<JsonObjectView>
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

    /// <summary>By JSON value (names in any order, the last of a repeated name counting), so equal results compare equal.</summary>
    public bool Equals(JsonObjectView? other) => other is not null && Internal.JsonEquality.Equal(_object, other._object);

    public override bool Equals(object? obj) => Equals(obj as JsonObjectView);

    public override int GetHashCode() => Count;

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
