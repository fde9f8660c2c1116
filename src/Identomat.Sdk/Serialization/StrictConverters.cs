using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Identomat.Sdk.Internal;

namespace Identomat.Sdk.Serialization;

// The converters the request wire needs beyond the generated metadata. Each exists because System.Text.Json 8 has
// no declarative way to say it: strict reading with the SDK's messages (a wrong kind or a null is an error naming the
// expected kind, where the built-in converters accept null and name .NET types), the discriminated step and question
// lists with unknown types kept whole, localized text (an object or a bare string), the UTC date format, and immutable
// lists with value equality. Everything else (names, order, omission of unset values, unknown properties) is declared
// on the records and written and read by the generated code.

/// <summary>
/// Strict scalar values of the request: <c>bool</c>, whole numbers, strings, URLs and every open value (through the
/// value's own converter, so that a new open value needs no row here). A null or a value of another kind is an error
/// (the SDK does not silently drop what it cannot keep), with the expected kind.
/// </summary>
internal sealed class StrictValueConverterFactory : JsonConverterFactory
{
    private static readonly Dictionary<Type, JsonConverter> Converters = new()
    {
        [typeof(bool?)] = new StrictOpenValueConverter<bool?>(
            (ref Utf8JsonReader r) => r.TokenType is JsonTokenType.True or JsonTokenType.False ? r.GetBoolean() : null,
            (w, v) => w.WriteBooleanValue(v!.Value),
            "true or false"),
        [typeof(int?)] = new StrictOpenValueConverter<int?>(
            (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var i) ? i : null,
            (w, v) => w.WriteNumberValue(v!.Value),
            "a whole number"),
        [typeof(string)] = new StrictOpenValueConverter<string>(
            (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String ? r.GetString() : null,
            (w, v) => w.WriteStringValue(v),
            "a string"),
        [typeof(Uri)] = new StrictOpenValueConverter<Uri>(
            (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String && Uri.TryCreate(r.GetString(), UriKind.RelativeOrAbsolute, out var u) ? u : null,
            (w, v) => w.WriteStringValue(v.OriginalString),
            "a URL string"),
    };

    // An open value itself keeps its own converter (which this factory asks for); a property of one is nullable, and a
    // list of them reads its items strictly (ValueListConverterFactory).
    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert) || OpenValues.IsNullable(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.TryGetValue(typeToConvert, out var converter) ? converter : OpenValues.ConverterOf(typeToConvert, options).StrictNullable();
}

/// <summary>Reads a value of the right kind (boxed), or null for any other kind.</summary>
internal delegate object? ReadValue(ref Utf8JsonReader reader);

/// <summary>One strict value type: its reader, its writer and, for messages, the kind it expects.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class StrictOpenValueConverter<T> : JsonConverter<T>
{
    private readonly ReadValue _read;
    private readonly Action<Utf8JsonWriter, T> _write;
    private readonly string _expected;

    public StrictOpenValueConverter(ReadValue read, Action<Utf8JsonWriter, T> write, string expected = "a string")
    {
        _read = read;
        _write = write;
        _expected = expected;
    }

    public override bool HandleNull => true;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        _read(ref reader) is T value ? value : throw WireReadException.Expected(_expected, reader.TokenType);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _write(writer, value);
}

/// <summary>
/// <c>IReadOnlyList&lt;T&gt;</c> properties: read strictly (an array, each item through its own metadata, its index in
/// the path of any problem) into an immutable list with value equality, written as an array. Lists of records and
/// strings are rows here; a list of an open value is made by that value's own converter (no <c>MakeGenericType</c>, so
/// trimming and NativeAOT keep every converter).
/// </summary>
internal sealed class ValueListConverterFactory : JsonConverterFactory
{
    private static readonly Dictionary<Type, JsonConverter> Converters = new()
    {
        [typeof(IReadOnlyList<Step>)] = new ValueListConverter<Step>(),
        [typeof(IReadOnlyList<Question>)] = new ValueListConverter<Question>(),
        [typeof(IReadOnlyList<QuestionOption>)] = new ValueListConverter<QuestionOption>(),
        [typeof(IReadOnlyList<string>)] = new ValueListConverter<string>(),
    };

    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert) || ItemOf(typeToConvert) is { } item && OpenValues.Is(item);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.TryGetValue(typeToConvert, out var converter) ? converter : OpenValues.ConverterOf(ItemOf(typeToConvert)!, options).StrictList();

    private static Type? ItemOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
}

/// <summary>One list type of <see cref="ValueListConverterFactory"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class ValueListConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    private readonly ConverterCache<T> _item = new();
    private readonly JsonConverter<T>? _strictItem;

    /// <summary>A list whose items are read through their own metadata, or through <paramref name="strictItem"/>.</summary>
    public ValueListConverter(JsonConverter<T>? strictItem = null) => _strictItem = strictItem;

    public override bool HandleNull => true;

    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WireReadException.Expected("an array", reader.TokenType);
        }

        var item = options.GetTypeInfo(typeof(T));
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (item.Kind == JsonTypeInfoKind.Object && reader.TokenType != JsonTokenType.StartObject)
            {
                throw WireReadException.Expected("an object", reader.TokenType, JsonPath.Item(items.Count));
            }

            items.Add(_strictItem is null ? (T)WireReadException.ReadNested(ref reader, item, items.Count)! : ReadItem(ref reader, options, items.Count));
        }

        return ValueList<T>.From(items)!;
    }

    private T ReadItem(ref Utf8JsonReader reader, JsonSerializerOptions options, int index)
    {
        try
        {
            return _strictItem!.Read(ref reader, typeof(T), options)!;
        }
        catch (WireReadException ex)
        {
            throw new WireReadException(ex.Message, JsonPath.Item(index) + ex.Suffix);
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        var item = _item.For(options);
        writer.WriteStartArray();
        for (var i = 0; i < value.Count; i++)
        {
            item.Write(writer, value[i], options);
        }

        writer.WriteEndArray();
    }
}
