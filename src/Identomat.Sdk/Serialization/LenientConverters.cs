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

/// <summary>An open value of a result: any string is kept, an empty string or another kind reads as null.</summary>
/// <typeparam name="T">The open value type.</typeparam>
internal sealed class LenientOpenValueConverter<T> : LenientConverter<T>
    where T : struct
{
    private readonly Func<string, T> _create;
    private readonly Action<Utf8JsonWriter, T> _write;

    public LenientOpenValueConverter(Func<string, T> create, Action<Utf8JsonWriter, T> write)
    {
        _create = create;
        _write = write;
    }

    protected override T? FromToken(ref Utf8JsonReader reader) => null;

    protected override T? FromString(string text) => text.Length == 0 ? null : _create(text);

    protected override void WriteValue(Utf8JsonWriter writer, T value) => _write(writer, value);
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
