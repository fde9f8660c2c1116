namespace Identomat.Sdk.Serialization;

// The converters the wire needs beyond the generated metadata. Each exists because System.Text.Json 8 has no
// declarative way to say it: strict reading of requests with the SDK's messages (a wrong kind or a null is an error
// naming the expected kind, where the built-in converters accept null and name .NET types), lenient reading of results
// (a value of another kind reads as null instead of failing the whole result), the discriminated step and question
// lists with unknown types kept whole, localized text (an object or a bare string), the UTC date format, and immutable
// lists with value equality. Everything else (names, order, omission of unset values, unknown properties) is declared
// on the records and written and read by the generated code.

/// <summary>Reads a value of the right kind (boxed), or null for any other kind.</summary>
internal delegate object? ReadValue(ref Utf8JsonReader reader);

/// <summary>
/// One scalar type: its reader, its writer and, when read strictly, the kind it expects (for the error); read leniently
/// (no expected kind), a value of another kind is skipped and reads as null.
/// </summary>
/// <typeparam name="T">The value type (nullable for properties).</typeparam>
internal sealed class ScalarConverter<T>(ReadValue read, Action<Utf8JsonWriter, T> write, string? expected) : JsonConverter<T>
{
    private readonly ReadValue _read = read;
    private readonly Action<Utf8JsonWriter, T> _write = write;
    private readonly string? _expected = expected;

    public override bool HandleNull => true;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (_read(ref reader) is T value)
        {
            return value;
        }

        if (_expected is not null)
        {
            throw WireReadException.Expected(_expected, reader.TokenType);
        }

        reader.Skip();
        return default!;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            _write(writer, value);
        }
    }

    // Callback payloads are read into a dictionary keyed by property name, and a converter registered for string is
    // asked for keys too: a name is always a string.
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (T)(object)reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName((string)(object)value!);
}

/// <summary>
/// Strict scalar values of the request: <c>bool</c>, whole numbers, strings, URLs and every open value (through the
/// value's own converter, so that a new open value needs no row here). A null or a value of another kind is an error
/// (the SDK does not silently drop what it cannot keep), with the expected kind.
/// </summary>
internal sealed class StrictValueConverterFactory : JsonConverterFactory
{
    private static readonly Dictionary<Type, JsonConverter> Converters = new()
    {
        [typeof(bool?)] = new ScalarConverter<bool?>(
            (ref Utf8JsonReader r) => r.TokenType is JsonTokenType.True or JsonTokenType.False ? r.GetBoolean() : null,
            (w, v) => w.WriteBooleanValue(v!.Value),
            "true or false"),
        [typeof(int?)] = new ScalarConverter<int?>(
            (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var i) ? i : null,
            (w, v) => w.WriteNumberValue(v!.Value),
            "a whole number"),
        [typeof(string)] = new ScalarConverter<string>(
            (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String ? r.GetString() : null,
            (w, v) => w.WriteStringValue(v),
            "a string"),
        [typeof(Uri)] = new ScalarConverter<Uri>(
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

/// <summary>
/// Scalar values of results, read leniently: a number, a boolean or an open value of the wrong JSON kind (or an empty
/// open value string) reads as null; numbers and booleans are also taken from their invariant string spelling.
/// </summary>
internal sealed class LenientValueConverterFactory : JsonConverterFactory
{
    private static readonly Dictionary<Type, JsonConverter> Converters = new()
    {
        [typeof(int?)] = new ScalarConverter<int?>(
            (ref Utf8JsonReader r) => r.TokenType switch
            {
                JsonTokenType.Number when r.TryGetInt32(out var i) => i,
                JsonTokenType.String when int.TryParse(r.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
                _ => null,
            },
            (w, v) => w.WriteNumberValue(v!.Value),
            null),

        // Non-finite values (1e400 overflows to infinity; "NaN" and "Infinity" parse as strings) read as null: JSON has
        // no way to write them back, and a result the SDK accepts must always be writable.
        [typeof(double?)] = new ScalarConverter<double?>(
            (ref Utf8JsonReader r) => r.TokenType switch
            {
                JsonTokenType.Number when r.TryGetDouble(out var d) => Finite(d),
                JsonTokenType.String when double.TryParse(r.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => Finite(d),
                _ => null,
            },
            (w, v) =>
            {
                if (Finite(v!.Value) is { } finite)
                {
                    w.WriteNumberValue(finite);
                }
                else
                {
                    w.WriteNullValue();
                }
            },
            null),
        [typeof(bool?)] = new ScalarConverter<bool?>(
            (ref Utf8JsonReader r) => r.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.String when bool.TryParse(r.GetString(), out var b) => b,
                _ => null,
            },
            (w, v) => w.WriteBooleanValue(v!.Value),
            null),
        [typeof(string)] = new ScalarConverter<string>(
            (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String ? r.GetString() : null,
            (w, v) => w.WriteStringValue(v),
            null),
    };

    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert) || OpenValues.IsNullable(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.TryGetValue(typeToConvert, out var converter) ? converter : OpenValues.ConverterOf(typeToConvert, options).Lenient();

    private static double? Finite(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : value;
}
