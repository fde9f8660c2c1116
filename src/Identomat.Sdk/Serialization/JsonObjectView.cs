using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

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

/// <summary>
/// A nested object of a result, read leniently: anything but an object (an empty array, as PHP writes an empty map; a
/// string) reads as null instead of failing the whole result. Objects are read with the type's generated metadata.
/// Public so that an application's own source-generated context can serialize the SDK's results.
/// </summary>
/// <typeparam name="T">The object's type.</typeparam>
public sealed class LenientObjectConverter<T> : JsonConverter<T?>
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

        // The type's converter, called directly: a nested JsonSerializer.Deserialize first scans the whole value to scope
        // a reader to it, then reads it again (measured: a 2.6 KB result parsed in 5.1 instead of 8.5 µs).
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

/// <summary>
/// A list of a result, read leniently: anything but an array reads as null, and an item of the wrong kind (not an
/// object; for strings, not a string) is left out, instead of failing the whole result. Public so that an
/// application's own source-generated context can serialize the SDK's results.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class LenientListConverter<T> : JsonConverter<IReadOnlyList<T>?>
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

        // The item type's converter, called directly (see LenientObjectConverter).
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
        return Internal.ValueList<T>.From(items);
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

/// <summary>A text field of a result, read leniently: a value of another kind reads as null.</summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    // As a dictionary key (callback payloads are read into a dictionary of their properties) a name is always a string.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
