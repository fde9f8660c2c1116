namespace Identomat.Sdk.Lifecycle;

/// <summary>Doubling delays with a ceiling, for handling retries and sweeps.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(TimeSpan first, TimeSpan ceiling, int previousAttempts)
    {
        var ticks = first.Ticks;
        for (var i = 0; i < previousAttempts && ticks < ceiling.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, ceiling.Ticks));
    }
}
