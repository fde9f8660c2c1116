namespace Identomat.Sdk.Serialization;

/// <summary>
/// The open values (<see cref="IOpenValue"/>: <see cref="LanguageCode"/>, <see cref="DocumentType"/>, …) as the two
/// contexts read them: each type's own public converter (<see cref="WireValueJsonConverter{T}"/>, named by the type's
/// attribute) makes its strict and lenient variants, so a new open value needs no row in any context or table.
/// </summary>
internal static class OpenValues
{
    /// <summary>Whether a type is an open value.</summary>
    public static bool Is(Type type) => type.IsValueType && typeof(IOpenValue).IsAssignableFrom(type);

    /// <summary>Whether a type is a nullable open value (<c>LanguageCode?</c>): the form a property of one takes.</summary>
    public static bool IsNullable(Type type) => Nullable.GetUnderlyingType(type) is { } value && Is(value);

    /// <summary>The public converter of an open value type, or of the one a nullable type wraps.</summary>
    public static IOpenValueConverter ConverterOf(Type type, JsonSerializerOptions options) =>
        (IOpenValueConverter)options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type).Converter;
}

/// <summary>What the SDK's own reading asks of an open value's public converter.</summary>
internal interface IOpenValueConverter
{
    /// <summary>A nullable property of the request: a string, never a null or another kind.</summary>
    JsonConverter StrictNullable();

    /// <summary>A list of the request: strings, each read strictly.</summary>
    JsonConverter StrictList();

    /// <summary>A nullable property of a result: any string, an empty one or another kind read as null.</summary>
    JsonConverter Lenient();
}
