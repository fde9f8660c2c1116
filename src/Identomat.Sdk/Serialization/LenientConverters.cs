using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Identomat.Sdk.Callbacks;
using Identomat.Sdk.Media;

namespace Identomat.Sdk.Serialization;

/// <summary>Reads a nullable value leniently: null for a value of another kind, never an exception.</summary>
internal abstract class LenientConverter<T> : JsonConverter<T?>
    where T : struct
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType switch
        {
            JsonTokenType.String => FromString(reader.GetString()!),
            JsonTokenType.Null or JsonTokenType.StartObject or JsonTokenType.StartArray => null,
            _ => FromToken(ref reader),
        };
        reader.Skip();
        return value;
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            WriteValue(writer, v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    protected abstract T? FromToken(ref Utf8JsonReader reader);

    protected abstract T? FromString(string text);

    protected abstract void WriteValue(Utf8JsonWriter writer, T value);
}

internal sealed class LenientInt32Converter : LenientConverter<int>
{
    protected override int? FromToken(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var i) ? i : null;

    protected override int? FromString(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    protected override void WriteValue(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);
}

internal sealed class LenientDoubleConverter : LenientConverter<double>
{
    // Non-finite values (1e400 overflows to infinity; "NaN" and "Infinity" parse as strings) read as null: JSON has no
    // way to write them back, and a result the SDK accepts must always be writable.
    protected override double? FromToken(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var d) ? Finite(d) : null;

    protected override double? FromString(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Finite(d) : null;

    protected override void WriteValue(Utf8JsonWriter writer, double value)
    {
        if (Finite(value) is { } finite)
        {
            writer.WriteNumberValue(finite);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static double? Finite(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : value;
}

internal sealed class LenientBooleanConverter : LenientConverter<bool>
{
    protected override bool? FromToken(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => null,
    };

    protected override bool? FromString(string text) => bool.TryParse(text, out var b) ? b : null;

    protected override void WriteValue(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);
}

/// <summary>An open string value: any string is kept, an empty string or another kind reads as null.</summary>
internal abstract class OpenValueConverter<T> : LenientConverter<T>
    where T : struct
{
    protected override T? FromToken(ref Utf8JsonReader reader) => null;

    protected override T? FromString(string text) => text.Length == 0 ? null : Create(text);

    protected override void WriteValue(Utf8JsonWriter writer, T value) => writer.WriteStringValue(ValueOf(value));

    protected abstract T Create(string text);

    protected abstract string ValueOf(T value);
}

internal sealed class VerificationStatusConverter : OpenValueConverter<VerificationStatus>
{
    protected override VerificationStatus Create(string text) => new(text);

    protected override string ValueOf(VerificationStatus value) => value.Value;
}

internal sealed class DocumentTypeConverter : OpenValueConverter<DocumentType>
{
    protected override DocumentType Create(string text) => new(text);

    protected override string ValueOf(DocumentType value) => value.Value;
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
