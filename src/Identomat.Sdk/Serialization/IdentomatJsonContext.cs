using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// The response side of the wire: source-generated metadata for results and the answers the SDK reads (requests are
/// <see cref="WireJsonContext"/>), so no serialization goes through reflection. Internal, so its generated members
/// never become public API. Reading is tolerant: a number or boolean of the wrong JSON kind, or an empty enum string,
/// reads as null instead of failing the whole result.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = new[]
    {
        typeof(LenientInt32Converter), typeof(LenientDoubleConverter), typeof(LenientBooleanConverter),
        typeof(VerificationStatusConverter), typeof(DocumentTypeConverter), typeof(JsonObjectViewConverter), typeof(LenientStringConverter),
    })]
[JsonSerializable(typeof(VerificationResult))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(MediaErrorAnswer))]
[JsonSerializable(typeof(CallbackEnvelope))]
[JsonSerializable(typeof(CallbackFields))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class IdentomatJsonContext : JsonSerializerContext
{
}

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
