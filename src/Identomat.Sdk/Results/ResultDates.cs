namespace Identomat.Sdk;

/// <summary>
/// Reads the dates of results in every form real answers carry, from either of a date's two fields (the plain one and
/// the <c>…Time</c> one): an ISO 8601 instant (<c>2024-01-25T22:00:00.000Z</c>), an ISO date (<c>2024-01-26</c>),
/// <c>M/D/YYYY</c>, <c>D.M.YYYY</c> and <c>YYYY/MM/DD</c>.
/// </summary>
internal static class ResultDates
{
    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
    ];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "M/d/yyyy", "MM/dd/yyyy", "d.M.yyyy", "dd.MM.yyyy", "yyyy/MM/dd", "yyyy/M/d"];

    /// <summary>The first field that holds an instant (a date with a time of day); UTC when the text has no offset.</summary>
    public static DateTimeOffset? Instant(params string?[] fields)
    {
        foreach (var field in fields)
        {
            if (field?.Trim() is { Length: > 0 } text
                && DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                return instant;
            }
        }

        return null;
    }

    /// <summary>
    /// The first date any field holds, as a date (time of day zero, <see cref="DateTimeKind.Unspecified"/>): an instant
    /// gives its UTC date, a date gives itself.
    /// </summary>
    public static DateTime? Date(params string?[] fields)
    {
        if (Instant(fields) is { } instant)
        {
            return DateTime.SpecifyKind(instant.UtcDateTime.Date, DateTimeKind.Unspecified);
        }

        foreach (var field in fields)
        {
            if (field?.Trim() is { Length: > 0 } text
                && DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date.Date;
            }
        }

        return null;
    }
}
