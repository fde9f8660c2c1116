namespace Identomat.Sdk;

/// <summary>
/// An identity document type: <c>document_types</c> of the identity-document step, <c>document_type</c> of a result.
/// An open set: any value the server sends or accepts is representable; the static members are the known ones.
/// Compared by value (ordinal).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DocumentTypeJsonConverter))]
public readonly record struct DocumentType : IOpenValue
{
    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value as written on the wire.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public DocumentType(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value as written on the wire.</summary>
    public string Value { get; }

    /// <summary>A national identity card: <c>id</c>.</summary>
    public static DocumentType Id { get; } = new("id");

    /// <summary>A passport: <c>passport</c>.</summary>
    public static DocumentType Passport { get; } = new("passport");

    /// <summary>A driving licence: <c>driver_license</c>.</summary>
    public static DocumentType DriverLicense { get; } = new("driver_license");

    /// <summary>A residence permit: <c>residence_license</c>.</summary>
    public static DocumentType ResidenceLicense { get; } = new("residence_license");

    /// <summary>Converts a wire spelling to a value.</summary>
    /// <param name="value">The value as written on the wire.</param>
    public static implicit operator DocumentType(string value) => new(value);

    /// <summary>The wire spelling.</summary>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>
/// The JSON converter of <see cref="DocumentType"/>: its wire string. Public so that an application's own source-generated
/// context can use it.
/// </summary>
public sealed class DocumentTypeJsonConverter() : WireValueJsonConverter<DocumentType>(v => new(v), v => v.Value);
