namespace Identomat.Sdk;

/// <summary>
/// A user-interface language code, as the session flag <c>language</c> and the language step take it.
/// An open set: any value the server sends or accepts is representable; the static members are the known ones.
/// Compared by value (ordinal).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(LanguageCodeJsonConverter))]
public readonly record struct LanguageCode : IOpenValue
{
    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value as written on the wire.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public LanguageCode(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value as written on the wire.</summary>
    public string Value { get; }

    /// <summary>English: <c>en</c>.</summary>
    public static LanguageCode English { get; } = new("en");

    /// <summary>Georgian: <c>ka</c>.</summary>
    public static LanguageCode Georgian { get; } = new("ka");

    /// <summary>Russian: <c>ru</c>.</summary>
    public static LanguageCode Russian { get; } = new("ru");

    /// <summary>Spanish: <c>es</c>.</summary>
    public static LanguageCode Spanish { get; } = new("es");

    /// <summary>Ukrainian: <c>uk</c>.</summary>
    public static LanguageCode Ukrainian { get; } = new("uk");

    /// <summary>Greek, as the vendor spells it: <c>gr</c>.</summary>
    public static LanguageCode Greek { get; } = new("gr");

    /// <summary>Converts a wire spelling to a value.</summary>
    /// <param name="value">The value as written on the wire.</param>
    public static implicit operator LanguageCode(string value) => new(value);

    /// <summary>The wire spelling.</summary>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>
/// The JSON converter of <see cref="LanguageCode"/>: its wire string. Public so that an application's own source-generated
/// context can use it.
/// </summary>
public sealed class LanguageCodeJsonConverter() : WireValueJsonConverter<LanguageCode>(v => new(v), v => v.Value);
