namespace Identomat.Sdk;

/// <summary>
/// A proof-of-address document type: <c>general_document_types</c> of the proof-of-address step.
/// An open set: any value the server sends or accepts is representable; the static members are the known ones.
/// Compared by value (ordinal).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(GeneralDocumentTypeJsonConverter))]
public readonly record struct GeneralDocumentType : IOpenValue
{
    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value as written on the wire.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public GeneralDocumentType(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value as written on the wire.</summary>
    public string Value { get; }

    /// <summary>A bank statement: <c>bank_statement</c>.</summary>
    public static GeneralDocumentType BankStatement { get; } = new("bank_statement");

    /// <summary>A utility bill: <c>utility_bill</c>.</summary>
    public static GeneralDocumentType UtilityBill { get; } = new("utility_bill");

    /// <summary>Converts a wire spelling to a value.</summary>
    /// <param name="value">The value as written on the wire.</param>
    public static implicit operator GeneralDocumentType(string value) => new(value);

    /// <summary>The wire spelling.</summary>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>
/// The JSON converter of <see cref="GeneralDocumentType"/>: its wire string. Public so that an application's own source-generated
/// context can use it.
/// </summary>
public sealed class GeneralDocumentTypeJsonConverter() : WireValueJsonConverter<GeneralDocumentType>(v => new(v), v => v.Value);
