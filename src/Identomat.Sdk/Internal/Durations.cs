namespace Identomat.Sdk.Internal;

/// <summary>
/// How the SDK writes a duration for a person, everywhere (messages, logs, <c>ToString()</c>): in the largest unit that
/// keeps it readable, with at most one decimal: <c>250 ms</c>, <c>30 s</c>, <c>100 s</c>, <c>30 min</c>, <c>24 h</c>,
/// <c>60 days</c>. Never "0 s" for a positive duration.
/// </summary>
internal static class Durations
{
    public static string Show(TimeSpan value)
    {
        if (value == TimeSpan.MaxValue)
        {
            return "unlimited";
        }

        var (amount, unit) = Math.Abs(value.Ticks) switch
        {
            < TimeSpan.TicksPerSecond => (value.TotalMilliseconds, "ms"),
            < 2 * TimeSpan.TicksPerMinute => (value.TotalSeconds, "s"),
            < 2 * TimeSpan.TicksPerHour => (value.TotalMinutes, "min"),
            < 2 * TimeSpan.TicksPerDay => (value.TotalHours, "h"),
            _ => (value.TotalDays, "days"),
        };
        return amount.ToString("0.#", CultureInfo.InvariantCulture) + " " + unit;
    }
}
