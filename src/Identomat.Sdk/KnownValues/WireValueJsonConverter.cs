using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Identomat.Sdk;

/// <summary>
/// Writes an open value as its wire string and reads it back, for any <see cref="JsonSerializer"/> (default options,
/// ASP.NET Core web defaults, an application's own source-generated context): the open value types carry it as their
/// <see cref="JsonConverterAttribute"/>. The SDK's own reading asks it for stricter (requests) and more lenient (results)
/// variants.
/// </summary>
/// <typeparam name="T">The open value type.</typeparam>
public abstract class WireValueJsonConverter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>
    : JsonConverter<T>, IOpenValueConverter
    where T : struct
{
    private readonly Func<string, T> _create;
    private readonly Func<T, string?> _value;

    /// <summary>Creates the converter from the type's constructor and its wire string.</summary>
    /// <param name="create">Makes a value from its wire string.</param>
    /// <param name="value">The wire string of a value.</param>
    private protected WireValueJsonConverter(Func<string, T> create, Func<T, string?> value)
    {
        _create = create;
        _value = value;
    }

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? _create(reader.GetString()!)
            : throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}.");

    JsonConverter IOpenValueConverter.StrictNullable() => new ScalarConverter<T?>(ReadString, (writer, value) => Write(writer, value!.Value), "a string");

    JsonConverter IOpenValueConverter.StrictList() => new ValueListConverter<T>(new ScalarConverter<T>(ReadString, Write, "a string"));

    // Results keep any string but an empty one (which the vendor sends for "no value").
    JsonConverter IOpenValueConverter.Lenient() =>
        new ScalarConverter<T?>(
            (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String && r.GetString() is { Length: > 0 } text ? Reported(text) : null,
            (writer, value) => Write(writer, value!.Value),
            null);

    /// <summary>
    /// The values the type declares, its registry: its public static properties of its own type (<c>DocumentType.Passport</c>).
    /// </summary>
    private static readonly HashSet<string> Known = new(
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(T))
            .Select(p => ((IOpenValue)p.GetValue(null)!).Value!), StringComparer.Ordinal);

    /// <summary>Whether the type declares the value (see <see cref="Known"/>): what its <c>IsKnown</c> and the drift report read.</summary>
    internal static bool Declares(string? value) => value is not null && Known.Contains(value);

    /// <summary>A value of a result; one the type does not declare is reported (<see cref="Diagnostics.Drift"/>).</summary>
    private T Reported(string text)
    {
        if (!Declares(text))
        {
            Diagnostics.Drift.Saw(Diagnostics.Drift.Value, text, typeof(T).Name);
        }

        return _create(text);
    }

    private object? ReadString(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? _create(reader.GetString()!) : null;

    private void Write(Utf8JsonWriter writer, T value) => Write(writer, value, null!);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (_value(value) is { } text)
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
