namespace Identomat.Sdk;

/// <summary>
/// Writes the request's times as the vendor reads them, ISO 8601 in UTC with milliseconds and <c>Z</c> whatever offset
/// the value had, and reads ISO 8601 back, for any <see cref="JsonSerializer"/>: the request's time properties name it.
/// </summary>
public sealed class UtcTimeJsonConverter : JsonConverter<DateTimeOffset?>
{
    // ISO 8601 only (a date, or a date and time with optional seconds, fraction and offset; no offset is UTC): the
    // culture-dependent forms TryParse also accepts ("01/02/2024" is January or February) are refused.
    private static readonly string[] Iso8601 =
    {
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    };

    /// <inheritdoc />
    public override bool HandleNull => true;

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The value as the wire carries it: in UTC, to the millisecond (what validation compares).</summary>
    internal static DateTimeOffset OnTheWire(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <inheritdoc />
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParseExact(reader.GetString(), Iso8601, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw WireReadException.Expected("an ISO 8601 date and time", reader.TokenType);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value!.Value));
}
